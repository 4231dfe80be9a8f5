import { describe, expect, it } from "vitest";
import { ingredientKey, mergeLines, type Line } from "../../src/shopping/merge.js";

const soup = { savedId: "00000000-0000-4000-8000-000000000001", title: "Soup" };
const stew = { savedId: "00000000-0000-4000-8000-000000000002", title: "Stew" };
const open = (id: string, line: Omit<Line, "sources">, sources = [soup]) => ({ id, checked: false, ...line, sources });

describe("mergeLines", () => {
  it.each([
    [{ quantity: 500, unit: "g" }, { quantity: 1, unit: "kg" }, { quantity: 1.5, unit: "kg" }],
    [{ quantity: 250, unit: "ml" }, { quantity: 0.25, unit: "l" }, { quantity: 500, unit: "ml" }],
    [{ quantity: 2, unit: "tsp" }, { quantity: 1, unit: "tablespoon" }, { quantity: 5, unit: "tsp" }],
    [{ quantity: 12, unit: "tbsp" }, { quantity: 0.25, unit: "cup" }, { quantity: 1, unit: "cup" }],
    [{ quantity: 8, unit: "oz" }, { quantity: 1, unit: "lb" }, { quantity: 1.5, unit: "lb" }],
    [{ quantity: 2, unit: "cloves" }, { quantity: 1, unit: "clove" }, { quantity: 3, unit: "cloves" }],
    [{ quantity: 2 }, { quantity: 3 }, { quantity: 5, unit: undefined }],
  ])("%o + %o → %o", (a, b, expected) => {
    const plan = mergeLines([open("a", { name: "Garlic", ...a })], [{ name: "garlic", ...b, sources: [stew] }]);
    expect(plan.inserts).toEqual([]);
    expect(plan.updates).toEqual([{ id: "a", line: { name: "Garlic", ...expected, sources: [soup, stew] } }]);
  });

  it("keeps units that do not convert apart: grams and cups, a clove and a head", () => {
    const plan = mergeLines(
      [open("a", { name: "flour", quantity: 200, unit: "g" }), open("b", { name: "garlic", quantity: 1, unit: "clove" })],
      [
        { name: "flour", quantity: 1, unit: "cup", sources: [stew] },
        { name: "garlic", quantity: 1, unit: "head", sources: [stew] },
      ],
    );
    expect(plan.updates).toEqual([]);
    expect(plan.inserts.map((l) => [l.name, l.unit])).toEqual([
      ["flour", "cup"],
      ["garlic", "head"],
    ]);
  });

  it("merges new lines among themselves, and a line without an amount into one with", () => {
    const plan = mergeLines(
      [],
      [
        { name: "Onions", quantity: 1, sources: [soup] },
        { name: "onion", quantity: 2, sources: [stew] },
        { name: "salt", sources: [soup] },
        { name: "Salt", quantity: 1, unit: "tsp", sources: [stew] },
      ],
    );
    expect(plan.inserts).toEqual([
      { name: "Onions", quantity: 3, unit: undefined, sources: [soup, stew] },
      { name: "salt", quantity: 1, unit: "tsp", sources: [soup, stew] },
    ]);
  });

  it("never adds to a checked line, and lists a recipe once among the sources", () => {
    const checked = { ...open("a", { name: "milk", quantity: 1, unit: "l" }), checked: true };
    const plan = mergeLines(
      [checked, open("b", { name: "eggs", quantity: 2 })],
      [
        { name: "milk", quantity: 500, unit: "ml", sources: [soup] },
        { name: "eggs", quantity: 2, sources: [soup] },
      ],
    );
    expect(plan.inserts).toEqual([{ name: "milk", quantity: 500, unit: "ml", sources: [soup] }]);
    expect(plan.updates).toEqual([{ id: "b", line: { name: "eggs", quantity: 4, unit: undefined, sources: [soup] } }]);
  });

  it("treats case, spacing and simple plurals as the same ingredient", () => {
    expect(ingredientKey("  Cherry   Tomatoes ")).toBe(ingredientKey("cherry tomato"));
    expect(ingredientKey("Berries")).toBe(ingredientKey("berry"));
    expect(ingredientKey("eggs")).toBe("egg");
    expect(ingredientKey("glass")).toBe("glas"); // a plain rule, applied to both sides alike
    expect(ingredientKey("rice")).not.toBe(ingredientKey("ice"));
  });
});
