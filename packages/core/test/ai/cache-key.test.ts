import { describe, expect, it } from "vitest";
import { cacheKey, type CacheKeyParts } from "../../src/index.js";

const base: CacheKeyParts = {
  kind: "recipe",
  provider: "gemini",
  model: "gemini-2.5-flash",
  promptVersion: "1",
  input: { dish: "Pad Thai", diets: ["vegan", "gluten-free"], servings: 2 },
};
const key = (change: Partial<CacheKeyParts>) => cacheKey({ ...base, ...change });

describe("cacheKey", () => {
  it("is a namespaced sha256", () => {
    expect(cacheKey(base)).toMatch(/^recipe:[0-9a-f]{64}$/);
  });

  it("is the same for inputs that mean the same", () => {
    const same = [
      { dish: "  pad   THAI ", diets: ["gluten-free", "vegan"], servings: 2 },
      { servings: 2, diets: ["vegan", "gluten-free", "Vegan"], dish: "pad thai" },
      { dish: "pad thai", diets: ["vegan", "gluten-free"], servings: 2, cuisine: undefined },
    ];
    for (const input of same) expect(key({ input })).toBe(cacheKey(base));
    expect(key({ input: { ingredients: ["Rice", "egg", " eggs "] } })).toBe(key({ input: { ingredients: ["rice", "egg"] } }));
    expect(key({ input: { ingredients: ["Rice", "egg", "rice "] } })).toBe(key({ input: { ingredients: ["egg", "rice"] } }));
  });

  it.each([
    ["an empty diets list = diets left out", { dish: "pad thai", diets: [] }, { dish: "pad thai" }],
    ["an empty exclude list = exclude left out", { dish: "pad thai", exclude: [] }, { dish: "pad thai" }],
    ["both empty = both left out", { dish: "pad thai", diets: [], exclude: [] }, { dish: "pad thai", diets: undefined }],
    ["hyphens", { dish: "pad-thai" }, { dish: "pad thai" }],
    ["a full stop", { dish: "pad thai." }, { dish: "Pad Thai" }],
    ["punctuation and accents", { dish: "Crème brûlée!" }, { dish: "creme brulee" }],
    ["apostrophes", { dish: "General Tso’s chicken" }, { dish: "general tsos chicken" }],
    ["plurals in ingredients", { ingredients: ["eggs", "tomatoes", "berries"] }, { ingredients: ["berry", "egg", "tomato"] }],
    ["synonyms in ingredients", { ingredients: ["courgette", "prawns", "spring onions"] }, { ingredients: ["zucchini", "shrimp", "scallion"] }],
    ["synonyms in exclusions", { dish: "stir fry", exclude: ["coriander"] }, { dish: "stir fry", exclude: ["cilantro"] }],
    ["an allergen spelt either way", { dish: "curry", exclude: ["tree-nuts"] }, { dish: "curry", exclude: ["tree nuts"] }],
  ])("shares a key: %s", (_name, a, b) => {
    expect(key({ input: a })).toBe(key({ input: b }));
  });

  it.each([
    ["a different exclusion", { dish: "curry", exclude: ["peanuts"] }, { dish: "curry" }],
    ["a different ingredient", { ingredients: ["egg", "rice"] }, { ingredients: ["eggplant", "rice"] }],
    ["coconut milk is not milk", { ingredients: ["coconut milk"] }, { ingredients: ["milk"] }],
    ["sweet potato is not potato", { ingredients: ["sweet potatoes"] }, { ingredients: ["potatoes"] }],
  ])("keeps apart: %s", (_name, a, b) => {
    expect(key({ input: a })).not.toBe(key({ input: b }));
  });

  it("changes with anything that changes the answer", () => {
    const original = cacheKey(base);
    const variants = [
      key({ kind: "suggest" }),
      key({ provider: "catalogue" }),
      key({ model: "gemini-2.5-pro" }),
      key({ promptVersion: "2" }),
      key({ input: { dish: "pad see ew", diets: ["vegan", "gluten-free"], servings: 2 } }),
      key({ input: { dish: "pad thai", diets: ["vegan"], servings: 2 } }),
      key({ input: { dish: "pad thai", diets: ["vegan", "gluten-free"], servings: 4 } }),
      key({ input: { dish: "pad thai", diets: ["vegan", "gluten-free"], servings: "2" } }),
    ];
    for (const variant of variants) expect(variant).not.toBe(original);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it("keeps the order of lists that are not lists of words", () => {
    const turns = (a: string, b: string) => ({ history: [{ role: "user", content: a }, { role: "assistant", content: b }] });
    expect(key({ input: turns("hi", "hello") })).not.toBe(key({ input: turns("hello", "hi") }));
  });
});
