import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { backdate, makeRecipe, signedInCaller, storedRows } from "./support/saved-fixtures.js";

describe.each(databaseTargets())("saved recipes on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(async () => {
    await h.close();
  });

  it("creates a saved recipe titled after the recipe, and reads it back", async () => {
    const { userId, caller } = await signedInCaller(h);
    const recipe = makeRecipe();
    const saved = await caller.saved.create({ recipe, tags: ["Breakfast", "quick", "breakfast"], notes: "Kids love them" });
    expect(saved).toEqual({
      id: expect.any(String),
      title: "Pancakes",
      recipe,
      tags: ["breakfast", "quick"],
      notes: "Kids love them",
      rating: null,
      createdAt: expect.any(Date),
      updatedAt: saved.createdAt,
    });
    expect(await caller.saved.byId({ id: saved.id })).toEqual(saved);
    const rows = await storedRows(h);
    expect(rows.map((r) => [r.user_id, r.id])).toEqual([[userId, saved.id]]);
  });

  it("lists what a list shows, not the whole recipe", async () => {
    const { caller } = await signedInCaller(h);
    const saved = await caller.saved.create({ recipe: makeRecipe(), tags: ["brunch"] });
    const page = await caller.saved.list({});
    expect(page).toEqual({
      items: [
        {
          id: saved.id,
          title: "Pancakes",
          tags: ["brunch"],
          rating: null,
          summary: "Thin pancakes for a weekend breakfast.",
          cuisine: "French",
          totalMinutes: 30,
          servings: 4,
          createdAt: saved.createdAt,
          updatedAt: saved.updatedAt,
        },
      ],
      nextCursor: null,
    });
    const withoutCuisine = makeRecipe({ title: "Plain rice" });
    delete withoutCuisine.cuisine;
    await caller.saved.create({ recipe: withoutCuisine });
    expect((await caller.saved.list({})).items[0]).toMatchObject({ title: "Plain rice", cuisine: null });
  });

  describe("idempotent create", () => {
    it("makes one row for the same key, answering the same id", async () => {
      const { caller } = await signedInCaller(h);
      const first = await caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "save-1" });
      const again = await caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "save-1" });
      expect(again).toEqual(first);
      // A retry carrying changed content still answers the first save: the key names the attempt.
      const changed = await caller.saved.create({ recipe: makeRecipe({ title: "Crêpes" }), idempotencyKey: "save-1" });
      expect(changed).toEqual(first);
      expect(await storedRows(h)).toHaveLength(1);
      // Another key, or no key, is another save.
      await caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "save-2" });
      await caller.saved.create({ recipe: makeRecipe() });
      await caller.saved.create({ recipe: makeRecipe() });
      expect(await storedRows(h)).toHaveLength(4);
    });

    it("keeps keys per user", async () => {
      const a = await signedInCaller(h);
      const b = await signedInCaller(h);
      const fromA = await a.caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "same" });
      const fromB = await b.caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "same" });
      expect(fromB.id).not.toBe(fromA.id);
      expect(await storedRows(h, a.userId)).toHaveLength(1);
      expect(await storedRows(h, b.userId)).toHaveLength(1);
    });

    it("makes one row from ten concurrent saves with one key", async () => {
      const { caller } = await signedInCaller(h);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => caller.saved.create({ recipe: makeRecipe(), idempotencyKey: "double-tap" })),
      );
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(await storedRows(h)).toHaveLength(1);
    });
  });

  describe("search", () => {
    async function seed() {
      const { caller } = await signedInCaller(h);
      const create = (recipe: Parameters<typeof makeRecipe>[0], notes = "") =>
        caller.saved.create({ recipe: makeRecipe(recipe), notes });
      const salad = await create({
        title: "Summer salad",
        ingredients: [{ name: "cherry tomatoes" }, { name: "cucumber" }, { name: "feta" }],
        steps: ["Toss gently and simmer nothing."],
      });
      const stew = await create(
        { title: "Lentil stew", ingredients: [{ name: "red lentils" }, { name: "carrot" }, { name: "cumin" }] },
        "Grandma's favourite; finish with smoked paprika",
      );
      const soup = await create({
        title: "Tomato soup",
        ingredients: [{ name: "onion" }, { name: "garlic" }, { name: "basil" }],
      });
      const pancakes = await create({ title: "Pancakes" });
      return { caller, salad, stew, soup, pancakes };
    }
    const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title).sort();

    it("finds by title, ingredient and note words, with English stemming", async () => {
      const { caller } = await seed();
      expect(titles(await caller.saved.list({ q: "tomatoes" }))).toEqual(["Summer salad", "Tomato soup"]);
      expect(titles(await caller.saved.list({ q: "tomato" }))).toEqual(["Summer salad", "Tomato soup"]);
      expect(titles(await caller.saved.list({ q: "cucumber" }))).toEqual(["Summer salad"]);
      expect(titles(await caller.saved.list({ q: "paprika" }))).toEqual(["Lentil stew"]);
      expect(titles(await caller.saved.list({ q: "grandma" }))).toEqual(["Lentil stew"]);
      expect(titles(await caller.saved.list({ q: "lentil" }))).toEqual(["Lentil stew"]);
    });

    it("understands web-search syntax and never fails on odd input", async () => {
      const { caller } = await seed();
      expect(titles(await caller.saved.list({ q: "tomato -onion" }))).toEqual(["Summer salad"]);
      expect(titles(await caller.saved.list({ q: '"red lentils"' }))).toEqual(["Lentil stew"]);
      expect(titles(await caller.saved.list({ q: '"lentils red"' }))).toEqual([]);
      expect(titles(await caller.saved.list({ q: "soup or salad" }))).toEqual(["Summer salad", "Tomato soup"]);
      expect(titles(await caller.saved.list({ q: `"'!:&|()<-> \\` }))).toEqual([]);
      expect(titles(await caller.saved.list({ q: "the and of" }))).toEqual([]);
      expect(titles(await caller.saved.list({ q: "   " }))).toHaveLength(4);
    });

    it("covers title, ingredients and notes only, and follows updates", async () => {
      const { caller, pancakes } = await seed();
      expect(titles(await caller.saved.list({ q: "simmer" }))).toEqual([]);
      expect(titles(await caller.saved.list({ q: "picnic" }))).toEqual([]);
      await caller.saved.update({ id: pancakes.id, notes: "Made these for the picnic" });
      expect(titles(await caller.saved.list({ q: "picnic" }))).toEqual(["Pancakes"]);
      await caller.saved.update({ id: pancakes.id, title: "Picnic crêpes", notes: "" });
      expect(titles(await caller.saved.list({ q: "picnic" }))).toEqual(["Picnic crêpes"]);
    });

    it("never finds another user's rows", async () => {
      await seed();
      const other = await signedInCaller(h);
      expect(await other.caller.saved.list({ q: "tomato" })).toEqual({ items: [], nextCursor: null });
    });

    it("keeps the chosen sort and pages through results", async () => {
      const { caller } = await seed();
      const byTitle = await caller.saved.list({ q: "tomato", sort: "title", limit: 1 });
      expect(byTitle.items.map((i) => i.title)).toEqual(["Summer salad"]);
      const next = await caller.saved.list({ q: "tomato", sort: "title", limit: 1, cursor: byTitle.nextCursor! });
      expect(next).toMatchObject({ items: [{ title: "Tomato soup" }], nextCursor: null });
      const oldest = await caller.saved.list({ q: "tomato", sort: "oldest" });
      const newest = await caller.saved.list({ q: "tomato", sort: "newest" });
      expect(newest.items.map((i) => i.id)).toEqual(oldest.items.map((i) => i.id).reverse());
    });
  });

  it("filters by tag, alone and with a search", async () => {
    const { caller } = await signedInCaller(h);
    await caller.saved.create({ recipe: makeRecipe({ title: "Tomato soup" }), tags: ["dinner", "quick"] });
    await caller.saved.create({ recipe: makeRecipe({ title: "Roast chicken" }), tags: ["dinner"] });
    await caller.saved.create({ recipe: makeRecipe({ title: "Pancakes" }), tags: ["breakfast", "quick"] });
    const titles = async (input: Parameters<typeof caller.saved.list>[0]) =>
      (await caller.saved.list(input)).items.map((i) => i.title).sort();
    expect(await titles({ tag: "dinner" })).toEqual(["Roast chicken", "Tomato soup"]);
    expect(await titles({ tag: "QUICK" })).toEqual(["Pancakes", "Tomato soup"]);
    expect(await titles({ tag: "quick", q: "tomato" })).toEqual(["Tomato soup"]);
    expect(await titles({ tag: "dessert" })).toEqual([]);
  });

  describe("scaling", () => {
    it("scales quantities up and down with sensible units, leaving the stored recipe alone", async () => {
      const { caller } = await signedInCaller(h);
      const saved = await caller.saved.create({ recipe: makeRecipe() });
      const amounts = (recipe: { ingredients: { quantity?: number; unit?: string }[] }) =>
        recipe.ingredients.map((i) => [i.quantity, i.unit]);

      const eight = await caller.saved.byId({ id: saved.id, servings: 8 });
      expect(eight.recipe.servings).toBe(8);
      expect(amounts(eight.recipe)).toEqual([
        [500, "g"],
        [4, undefined],
        [1, "l"],
        [2, "tbsp"],
        [2, "tsp"],
        [undefined, undefined],
      ]);
      expect(eight.recipe.nutrition).toEqual(saved.recipe.nutrition);

      const sixteen = await caller.saved.byId({ id: saved.id, servings: 16 });
      expect(amounts(sixteen.recipe).slice(0, 5)).toEqual([
        [1, "kg"],
        [8, undefined],
        [2, "l"],
        [0.25, "cup"],
        [4, "tsp"],
      ]);

      const one = await caller.saved.byId({ id: saved.id, servings: 1 });
      expect(amounts(one.recipe).slice(0, 5)).toEqual([
        [63, "g"],
        [0.5, undefined],
        [125, "ml"],
        [0.75, "tsp"],
        [0.25, "tsp"],
      ]);

      expect(await caller.saved.byId({ id: saved.id })).toEqual(saved);
      expect(await caller.saved.byId({ id: saved.id, servings: 4 })).toEqual(saved);
    });

    it("refuses servings outside 1..48", async () => {
      const { caller } = await signedInCaller(h);
      const saved = await caller.saved.create({ recipe: makeRecipe() });
      await expectTrpcError(caller.saved.byId({ id: saved.id, servings: 0 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.byId({ id: saved.id, servings: 49 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.byId({ id: saved.id, servings: 2.5 }), "BAD_REQUEST");
    });
  });

  it("updates title, tags, notes and rating, and moves updatedAt", async () => {
    const { caller } = await signedInCaller(h);
    const saved = await caller.saved.create({ recipe: makeRecipe(), tags: ["old"] });
    const past = new Date("2024-01-02T03:04:05.678Z");
    await backdate(h, saved.id, past, true);

    const updated = await caller.saved.update({
      id: saved.id,
      title: "  Sunday pancakes ",
      tags: ["Brunch", "brunch", "family"],
      notes: "Double the sugar",
      rating: 5,
    });
    expect(updated).toMatchObject({
      id: saved.id,
      title: "Sunday pancakes",
      tags: ["brunch", "family"],
      notes: "Double the sugar",
      rating: 5,
      createdAt: past,
      recipe: saved.recipe,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(past.getTime());
    expect(await caller.saved.byId({ id: saved.id })).toEqual(updated);

    // Only what is given changes; null clears the rating.
    const cleared = await caller.saved.update({ id: saved.id, rating: null });
    expect(cleared).toMatchObject({ title: "Sunday pancakes", tags: ["brunch", "family"], notes: "Double the sugar", rating: null });
    expect((await caller.saved.list({})).items[0]).toMatchObject({ title: "Sunday pancakes", rating: null });
  });

  it("deletes, answering the id once and NOT_FOUND after", async () => {
    const { caller } = await signedInCaller(h);
    const keep = await caller.saved.create({ recipe: makeRecipe({ title: "Keep" }) });
    const drop = await caller.saved.create({ recipe: makeRecipe({ title: "Drop" }) });
    expect(await caller.saved.delete({ id: drop.id })).toEqual({ id: drop.id });
    await expectTrpcError(caller.saved.byId({ id: drop.id }), "NOT_FOUND");
    await expectTrpcError(caller.saved.delete({ id: drop.id }), "NOT_FOUND");
    expect((await caller.saved.list({})).items.map((i) => i.id)).toEqual([keep.id]);
  });

  describe("input bounds", () => {
    it("refuses over-long notes, too many or too long tags and unknown fields, writing nothing", async () => {
      const { caller } = await signedInCaller(h);
      const recipe = makeRecipe();
      const tooManyTags = Array.from({ length: 21 }, (_, i) => `tag${i}`);
      await expectTrpcError(caller.saved.create({ recipe, notes: "x".repeat(4001) }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe, tags: tooManyTags }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe, tags: ["x".repeat(41)] }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe, tags: ["  "] }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe, idempotencyKey: "k".repeat(65) }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe: { ...recipe, ingredients: [] } }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.create({ recipe, userId: "someone" } as never), "BAD_REQUEST");
      expect(await storedRows(h)).toEqual([]);

      const saved = await caller.saved.create({ recipe, notes: "x".repeat(4000), tags: tooManyTags.slice(1) });
      const before = await storedRows(h);
      await expectTrpcError(caller.saved.update({ id: saved.id, notes: "x".repeat(4001) }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.update({ id: saved.id, tags: tooManyTags }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.update({ id: saved.id, rating: 6 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.update({ id: saved.id, rating: 0 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.update({ id: saved.id, title: " " }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.update({ id: saved.id, title: "x".repeat(121) }), "BAD_REQUEST");
      expect(await storedRows(h)).toEqual(before);
    });

    it("refuses bad list input and malformed cursors with BAD_REQUEST", async () => {
      const { caller } = await signedInCaller(h);
      await caller.saved.create({ recipe: makeRecipe() });
      await caller.saved.create({ recipe: makeRecipe() });
      await expectTrpcError(caller.saved.list({ limit: 0 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.list({ limit: 101 }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.list({ q: "x".repeat(201) }), "BAD_REQUEST");
      await expectTrpcError(caller.saved.list({ sort: "rating" as never }), "BAD_REQUEST");
      const { nextCursor } = await caller.saved.list({ limit: 1 });
      expect(nextCursor).toEqual(expect.any(String));
      for (const cursor of ["garbage", "", "x".repeat(1001), nextCursor!.slice(0, -4), Buffer.from("[1,2,3]").toString("base64url")]) {
        await expectTrpcError(caller.saved.list({ cursor, limit: 1 }), "BAD_REQUEST");
      }
      // A cursor continues the sort it came from only.
      await expectTrpcError(caller.saved.list({ cursor: nextCursor!, sort: "title" }), "BAD_REQUEST");
    });
  });
});
