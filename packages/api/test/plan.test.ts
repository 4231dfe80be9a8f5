import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe, signedInCaller } from "./support/saved-fixtures.js";

describe.each(databaseTargets())("meal plan on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(target);
  });
  afterAll(async () => {
    await h.close();
  });

  it("shows seven days with their meals in meal order, and moves servings when set again", async () => {
    const { caller } = await signedInCaller(h);
    const soup = await caller.saved.create({ recipe: makeRecipe({ title: "Soup", servings: 4 }) });
    const porridge = await caller.saved.create({ recipe: makeRecipe({ title: "Porridge", servings: 1 }) });

    const dinner = await caller.plan.set({ date: "2026-03-03", meal: "dinner", savedId: soup.id });
    expect(dinner).toMatchObject({ date: "2026-03-03", meal: "dinner", savedId: soup.id, title: "Soup", servings: 4 });
    await caller.plan.set({ date: "2026-03-03", meal: "breakfast", savedId: porridge.id, servings: 2 });
    // Across a month end, and outside the week (not shown).
    await caller.plan.set({ date: "2026-03-01", meal: "lunch", savedId: soup.id });
    await caller.plan.set({ date: "2026-03-09", meal: "lunch", savedId: soup.id });
    const again = await caller.plan.set({ date: "2026-03-03", meal: "dinner", savedId: soup.id, servings: 6 });
    expect(again.id).toBe(dinner.id);

    const week = await caller.plan.week({ start: "2026-02-28" });
    expect(week.days.map((d) => d.date)).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
    ]);
    expect(week.days[1]?.meals).toMatchObject([{ meal: "lunch", title: "Soup", servings: 4 }]);
    expect(week.days[3]?.meals.map((m) => [m.meal, m.title, m.servings])).toEqual([
      ["breakfast", "Porridge", 2],
      ["dinner", "Soup", 6],
    ]);
    expect(week.days.flatMap((d) => d.meals)).toHaveLength(3);

    await caller.plan.remove({ id: dinner.id });
    await expectTrpcError(caller.plan.remove({ id: dinner.id }), "NOT_FOUND");
    expect((await caller.plan.week({ start: "2026-03-03" })).days[0]?.meals.map((m) => m.title)).toEqual(["Porridge"]);
  });

  it("turns a date range into one merged shopping list, scaled to each planned serving", async () => {
    const { caller } = await signedInCaller(h);
    const rice = await caller.saved.create({
      recipe: makeRecipe({
        title: "Rice bowl",
        servings: 2,
        ingredients: [
          { name: "rice", quantity: 200, unit: "g" },
          { name: "soy sauce", quantity: 1, unit: "tbsp" },
        ],
      }),
    });
    const risotto = await caller.saved.create({
      recipe: makeRecipe({
        title: "Risotto",
        servings: 4,
        ingredients: [
          { name: "rice", quantity: 0.4, unit: "kg" },
          { name: "stock", quantity: 1, unit: "l" },
        ],
      }),
    });
    await caller.plan.set({ date: "2026-04-06", meal: "lunch", savedId: rice.id, servings: 4 });
    await caller.plan.set({ date: "2026-04-07", meal: "dinner", savedId: risotto.id, servings: 2 });
    await caller.plan.set({ date: "2026-04-20", meal: "dinner", savedId: risotto.id }); // outside the range

    const list = await caller.plan.toShopping({ from: "2026-04-06", to: "2026-04-12" });
    const rows = list.items.map((i) => [i.name, i.quantity, i.unit, i.sources.map((s) => s.title)]);
    // 400 g (rice bowl ×2) + 200 g (risotto ÷2) = 600 g.
    expect(rows).toEqual([
      ["rice", 600, "g", ["Rice bowl", "Risotto"]],
      ["soy sauce", 2, "tbsp", ["Rice bowl"]],
      ["stock", 500, "ml", ["Risotto"]],
    ]);
  });

  it("refuses bad dates, ranges over 31 days and other users' or missing recipes", async () => {
    const { caller } = await signedInCaller(h);
    const other = await signedInCaller(h);
    const theirs = await other.caller.saved.create({ recipe: makeRecipe() });
    await expectTrpcError(caller.plan.week({ start: "2026-02-30" }), "BAD_REQUEST");
    await expectTrpcError(caller.plan.week({ start: "03/03/2026" }), "BAD_REQUEST");
    await expectTrpcError(caller.plan.toShopping({ from: "2026-01-01", to: "2026-02-01" }), "BAD_REQUEST");
    await expectTrpcError(caller.plan.toShopping({ from: "2026-01-10", to: "2026-01-09" }), "BAD_REQUEST");
    await expect(caller.plan.toShopping({ from: "2026-01-01", to: "2026-01-31" })).resolves.toEqual({ items: [] });
    await expectTrpcError(caller.plan.set({ date: "2026-01-01", meal: "dinner", savedId: theirs.id }), "NOT_FOUND");
    await expectTrpcError(caller.plan.set({ date: "2026-01-01", meal: "supper" as never, savedId: theirs.id }), "BAD_REQUEST");
    expect((await other.caller.plan.week({ start: "2026-01-01" })).days.flatMap((d) => d.meals)).toEqual([]);
  });
});
