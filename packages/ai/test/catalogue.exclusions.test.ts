import { ALLERGENS, DIETS, type Diet, type Recipe } from "@sous/schemas";
import { checkRecipeCompliance, EXCLUSION_ALIASES, KINDS_OF, SYNONYM_GROUPS } from "@sous/schemas/food";
import { plainRecipe } from "@sous/testkit";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/catalogue/catalogue.js";
import { violations } from "../src/catalogue/constraints.js";

/**
 * The one allergen and exclusion table (@sous/schemas/food) holds on the whole catalogue: for every diet (and
 * none) and every exclusion word the table knows (the 14 EU allergens, their common names, the synonyms and
 * the kinds), each recipe the catalogue filter lets through passes the deterministic check core runs on every
 * answer. Then scripted model answers: what the table must catch, and what it must let be.
 */
const entries = await loadCatalogue();
const words = [
  ...ALLERGENS,
  ...Object.keys(EXCLUSION_ALIASES),
  ...SYNONYM_GROUPS.flat(),
  ...Object.keys(KINDS_OF),
  ...["bacon", "pork", "beef", "chicken", "onion", "garlic", "mushroom", "cilantro", "coconut", "sugar"],
];
const exclusionWords = [...new Set(words)];
const diets: (Diet | undefined)[] = [undefined, ...DIETS];

/**
 * The filter and the check are both unions over the constraints (a recipe breaks {diet, word} when it breaks
 * the diet or the word), so each is computed once per recipe per diet and per recipe per word, and every
 * combination is then judged from those: the full sweep without its cost.
 */
const byDiet = diets.map((diet) =>
  entries.map(({ recipe }) => {
    const constraints = { diets: diet ? [diet] : [], exclude: [] };
    return { filtered: violations(recipe, constraints).length > 0, check: checkRecipeCompliance(recipe, constraints).violations };
  }),
);
const byWord = exclusionWords.map((word) =>
  entries.map(({ recipe }) => {
    const constraints = { diets: [], exclude: [word] };
    return { filtered: violations(recipe, constraints).length > 0, check: checkRecipeCompliance(recipe, constraints).violations };
  }),
);

describe("the catalogue filter × every diet × every exclusion word", () => {
  it("knows enough words and recipes for the sweep to mean something", () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(exclusionWords.length).toBeGreaterThanOrEqual(80);
  });

  it("the check composes: a diet and a word together break exactly what each breaks alone", () => {
    const { recipe } = entries[0]!;
    const both = checkRecipeCompliance(recipe, { diets: ["vegan"], exclude: ["milk"] }).violations;
    const alone = [
      ...checkRecipeCompliance(recipe, { diets: ["vegan"] }).violations,
      ...checkRecipeCompliance(recipe, { exclude: ["milk"] }).violations,
    ];
    expect(new Set(both)).toEqual(new Set(alone));
  });

  it.each(diets.map((diet, d) => [diet ?? "no diet", d] as const))("%s × every word: 0 violations", (_name, d) => {
    const broken: string[] = [];
    let allowed = 0;
    exclusionWords.forEach((word, w) => {
      entries.forEach(({ recipe }, r) => {
        const diet = byDiet[d]![r]!;
        const excluded = byWord[w]![r]!;
        if (diet.filtered || excluded.filtered) return;
        allowed++;
        const check = [...diet.check, ...excluded.check];
        if (check.length > 0) broken.push(`${recipe.title} without ${word}: ${check.join("; ")}`);
      });
    });
    expect(broken).toEqual([]);
    expect(allowed).toBeGreaterThan(0);
  });
});

const answer = (...ingredients: string[]): Recipe => plainRecipe("Scripted", ingredients);

describe("scripted model answers against the table", () => {
  it.each([
    ["crustaceans", ["prawns", "rice"]],
    ["crustaceans", ["shrimp paste", "lime"]],
    ["crustaceans", ["krill oil"]],
    ["crustaceans", ["red curry paste", "coconut milk"]],
    ["shellfish", ["king prawns"]],
    ["shellfish", ["mussels"]],
    ["bacon", ["pancetta", "spaghetti"]],
    ["bacon", ["guanciale"]],
    ["bacon", ["lardons"]],
    ["pork", ["chorizo"]],
    ["dairy", ["ghee"]],
    ["dairy", ["whey protein"]],
    ["dairy", ["sodium caseinate", "casein"]],
    ["dairy", ["butter"]],
    ["milk", ["parmesan"]],
    ["gluten", ["soy sauce"]],
    ["gluten", ["seitan"]],
    ["gluten", ["spaghetti"]],
    ["gluten", ["penne"]],
    ["gluten", ["couscous"]],
    ["eggs", ["mayonnaise"]],
    ["fish", ["worcestershire sauce"]],
    ["fish", ["fish sauce"]],
    ["nuts", ["cashews"]],
    ["peanuts", ["peanut butter"]],
    ["tree-nuts", ["almond flour"]],
    ["sesame", ["tahini"]],
    ["soy", ["tofu"]],
    ["celery", ["celeriac"]],
    ["mustard", ["dijon"]],
    ["sulphites", ["white wine"]],
    ["lupin", ["lupini beans"]],
    ["molluscs", ["squid"]],
    ["cilantro", ["fresh coriander"]],
    ["mushroom", ["shiitake"]],
    ["shrimp", ["shrimp paste"]],
    ["beef", ["sirloin steak"]],
    ["meat", ["lamb shoulder"]],
  ])("excluding %s rejects %j", (exclusion, ingredients) => {
    expect(checkRecipeCompliance(answer(...ingredients), { exclude: [exclusion] }).ok).toBe(false);
  });

  it.each([
    ["gluten", ["tamari"]],
    ["gluten", ["rice noodles"]],
    ["gluten", ["gluten-free pasta"]],
    ["gluten", ["corn tortillas"]],
    ["dairy", ["coconut milk"]],
    ["dairy", ["peanut butter"]],
    ["dairy", ["cocoa butter"]],
    ["peanuts", ["almonds"]],
    ["nuts", ["nutmeg"]],
    ["tree-nuts", ["water chestnuts"]],
    ["eggs", ["eggplant"]],
    ["crustaceans", ["crab apple jelly"]],
    ["molluscs", ["oyster mushrooms"]],
    ["bacon", ["turkey"]],
    ["shrimp", ["salmon"]],
    ["fish", ["tofu"]],
  ])("excluding %s allows %j", (exclusion, ingredients) => {
    expect(checkRecipeCompliance(answer(...ingredients), { exclude: [exclusion] }).violations).toEqual([]);
  });
});
