import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Caller, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe, signedInCaller } from "./support/saved-fixtures.js";

describe.each(databaseTargets())("shopping list on $name", (target) => {
  let h: Harness;
  let cook: { userId: string; caller: Caller };

  beforeAll(async () => {
    h = await createHarness(target);
  });
  afterAll(async () => {
    await h.close();
  });

  it("starts empty, merges the same ingredient across convertible units and keeps every source", async () => {
    cook = await signedInCaller(h);
    const c = cook.caller;
    expect(await c.shopping.list()).toEqual({ items: [] });

    const crepes = await c.saved.create({
      recipe: makeRecipe({
        title: "Crêpes",
        servings: 4,
        ingredients: [
          { name: "Plain flour", quantity: 800, unit: "g" },
          { name: "eggs", quantity: 3 },
          { name: "milk", quantity: 600, unit: "ml" },
          { name: "sugar", quantity: 2, unit: "tsp" },
          { name: "garlic", quantity: 2, unit: "cloves" },
        ],
      }),
    });
    const bread = await c.saved.create({
      recipe: makeRecipe({
        title: "Bread",
        servings: 2,
        ingredients: [
          { name: "plain flour", quantity: 0.6, unit: "kg" },
          { name: "egg", quantity: 1 },
          { name: "milk", quantity: 0.5, unit: "l" },
          { name: "sugar", quantity: 1, unit: "tbsp" },
          { name: "garlic", quantity: 1, unit: "clove" },
          { name: "garlic", quantity: 1, unit: "head" },
          { name: "salt" },
        ],
      }),
    });

    await c.shopping.addRecipe({ savedId: crepes.id });
    const list = await c.shopping.addRecipe({ savedId: bread.id });
    const byName = (name: string) => list.items.filter((i) => i.name.toLowerCase().startsWith(name));

    // 800 g + 0.6 kg = 1.4 kg; 600 ml + 0.5 l = 1.1 l; 2 tsp + 1 tbsp = 5 tsp; eggs and egg are counted alike.
    expect(byName("plain flour")).toMatchObject([{ quantity: 1.4, unit: "kg" }]);
    expect(byName("milk")).toMatchObject([{ quantity: 1.1, unit: "l" }]);
    expect(byName("sugar")).toMatchObject([{ quantity: 5, unit: "tsp" }]);
    expect(byName("egg")).toMatchObject([{ quantity: 4 }]);
    // Counted units merge by name only: cloves with clove, a head stays its own line.
    expect(byName("garlic").map((i) => [i.quantity, i.unit])).toEqual([
      [3, "cloves"],
      [1, "head"],
    ]);
    expect(byName("plain flour")[0]?.sources).toEqual([
      { savedId: crepes.id, title: "Crêpes" },
      { savedId: bread.id, title: "Bread" },
    ]);
    expect(byName("salt")).toMatchObject([{ sources: [{ savedId: bread.id, title: "Bread" }] }]);
    expect(byName("salt")[0]).not.toHaveProperty("quantity");
  });

  it("scales a recipe to the servings asked for", async () => {
    const { caller } = await signedInCaller(h);
    const saved = await caller.saved.create({
      recipe: makeRecipe({ servings: 2, ingredients: [{ name: "rice", quantity: 150, unit: "g" }] }),
    });
    const list = await caller.shopping.addRecipe({ savedId: saved.id, servings: 6 });
    expect(list.items).toMatchObject([{ name: "rice", quantity: 450, unit: "g", checked: false }]);
  });

  it("adds pantry suggestions' missing items in one call, merging with what is there", async () => {
    const { caller } = await signedInCaller(h);
    const { suggestions } = await caller.recipe.fromIngredients({ ingredients: ["eggs", "spinach"], count: 1 });
    const missing = suggestions[0]?.missing ?? [];
    const names = missing.length > 0 ? missing : ["parmesan"];
    await caller.shopping.addItems({ items: [{ name: "lemons", quantity: 2 }] });
    const list = await caller.shopping.addItems({
      items: [...names.map((name) => ({ name })), { name: "Lemon", quantity: 1 }],
    });
    expect(list.items.map((i) => i.name)).toEqual(["lemons", ...names]);
    expect(list.items[0]).toMatchObject({ quantity: 3, sources: [] });
  });

  it("checks, removes and clears lines; checked lines take no new amounts", async () => {
    const { caller } = await signedInCaller(h);
    let list = await caller.shopping.addItems({
      items: [
        { name: "butter", quantity: 250, unit: "g" },
        { name: "bread", quantity: 1 },
        { name: "apples", quantity: 6 },
      ],
    });
    const [butter, bread, apples] = list.items;
    list = await caller.shopping.check({ id: butter!.id, checked: true });
    expect(list.items.find((i) => i.id === butter!.id)?.checked).toBe(true);

    // Bought already: another 250 g is a new line, not an edit of the checked one.
    list = await caller.shopping.addItems({ items: [{ name: "butter", quantity: 250, unit: "g" }] });
    expect(list.items.filter((i) => i.name === "butter").map((i) => [i.checked, i.quantity])).toEqual([
      [true, 250],
      [false, 250],
    ]);

    list = await caller.shopping.remove({ id: bread!.id });
    expect(list.items.map((i) => i.name)).toEqual(["butter", "apples", "butter"]);
    await expectTrpcError(caller.shopping.remove({ id: bread!.id }), "NOT_FOUND");

    list = await caller.shopping.clear({ checkedOnly: true });
    expect(list.items.map((i) => [i.name, i.checked])).toEqual([
      ["apples", false],
      ["butter", false],
    ]);
    expect(list.items[0]?.id).toBe(apples!.id);
    expect(await caller.shopping.clear()).toEqual({ items: [] });
  });

  it("refuses unbounded or malformed input", async () => {
    const { caller } = await signedInCaller(h);
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `item ${i}` }));
    await expectTrpcError(caller.shopping.addItems({ items: many }), "BAD_REQUEST");
    await expectTrpcError(caller.shopping.addItems({ items: [] }), "BAD_REQUEST");
    await expectTrpcError(caller.shopping.addItems({ items: [{ name: "x", quantity: -1 }] }), "BAD_REQUEST");
    await expectTrpcError(
      caller.shopping.addItems({ items: [{ name: "x", extra: 1 } as never] }),
      "BAD_REQUEST",
    );
    const { caller: anonymous } = await h.call();
    await expectTrpcError(anonymous.shopping.list(), "UNAUTHORIZED");
  });
});
