import { describe, expect, it } from "vitest";
import { createCatalogueProvider } from "../src/index.js";
import { canonicalTokens } from "../src/catalogue/synonyms.js";
import { pantryName } from "../src/catalogue/pantry.js";

/** Pantry queries against the offline catalogue: what a cook writes, and what the suggestions make of it. */
const provider = createCatalogueProvider({ streamDelayMs: 0 });
const suggest = async (ingredients: string[], count = 4) => (await provider.suggest({ ingredients, count })).suggestions;

describe("pantry words", () => {
  it.each([
    [["peppers", "onions", "chicken"], "peppers", /bell pepper|capsicum|sweet pepper|red pepper|green pepper/i],
    [["spuds", "butter"], "spuds", /potato/i],
    [["shrooms", "garlic", "cream"], "shrooms", /mushroom/i],
    [["toms", "mozzarella", "basil"], "toms", /tomato/i],
  ])("%j: %s is read as the food it means", async (pantry, word, recipeWord) => {
    const suggestions = await suggest(pantry);
    const using = suggestions.filter((s) => s.uses.includes(word));
    expect(using.length).toBeGreaterThan(0);
    for (const s of using) expect(s.recipe.ingredients.some((i) => recipeWord.test(i.name))).toBe(true);
  });

  it("'peppers' is not black pepper: it is never used by a dish only for its seasoning", async () => {
    for (const s of await suggest(["peppers", "rice"], 8)) {
      if (!s.uses.includes("peppers")) continue;
      expect(s.recipe.ingredients.some((i) => /bell|capsicum|sweet|red|green|yellow/i.test(i.name))).toBe(true);
    }
  });
});

describe("ranking and consistency", () => {
  it.each([
    [["eggs", "spinach", "feta"]],
    [["chicken", "rice", "peppers", "onion"]],
    [["spaghetti", "garlic", "chilli", "parsley"]],
    [["potatoes", "leeks", "stock cubes"]],
    [["tofu", "soy sauce", "scallions", "rice"]],
    [["flour", "eggs", "milk", "sugar"]],
  ])("%j: uses and missing never contradict; ranked by score", async (pantry) => {
    const suggestions = await suggest(pantry, 8);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) {
      for (const used of s.uses) expect(pantry).toContain(used);
      // Missing is never something the cook listed, as written or as the food it means ("peppers").
      const listed = new Set(pantry.map((item) => canonicalTokens(pantryName(item)).join(" ")));
      for (const needed of s.missing) {
        expect(listed.has(canonicalTokens(needed).join(" ")), `${s.title}: ${needed} is missing but listed`).toBe(false);
        expect(s.uses).not.toContain(needed);
      }
    }
    const scores = suggestions.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("favours a dish using more of the pantry over a smaller dish using less of it", async () => {
    const [top] = await suggest(["eggs", "spinach", "feta", "onion"], 8);
    expect(top!.uses.length).toBeGreaterThanOrEqual(2);
  });
});
