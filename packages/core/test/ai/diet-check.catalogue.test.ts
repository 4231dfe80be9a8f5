import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALLERGENS, Recipe } from "@sous/schemas";
import { checkRecipeCompliance } from "../../src/index.js";

// Every recipe of the offline catalogue, as shipped: the check must agree with what each one declares.
const dir = new URL("../../../ai/data/catalogue/", import.meta.url);
const recipes = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) => {
    const entries = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as (Record<string, unknown> & { id: string })[];
    // The catalogue adds `id` and `aliases` for search; the rest is a Recipe.
    return entries.map(({ id, aliases: _aliases, ...rest }) => ({ id, recipe: Recipe.parse(rest) }));
  });

describe("diet check over the offline catalogue", () => {
  it("has the catalogue to check", () => {
    expect(recipes.length).toBeGreaterThanOrEqual(150);
  });

  it.each(recipes.map(({ id, recipe }) => [id, recipe] as const))(
    "%s passes every diet it declares and every allergen it does not",
    (_id, recipe) => {
      const undeclared = ALLERGENS.filter((allergen) => !recipe.allergens.includes(allergen));
      expect(checkRecipeCompliance(recipe, { diets: recipe.diets }).violations).toEqual([]);
      const excluded = undeclared.map((allergen) => ({
        allergen,
        violations: checkRecipeCompliance(recipe, { exclude: [allergen] }).violations,
      }));
      expect(excluded.filter(({ violations }) => violations.length > 0)).toEqual([]);
    },
  );
});
