import type { FromIngredientsInput, Suggestion } from "@sous/schemas";
import { violations, type Constraints } from "./constraints.js";
import type { IndexedCatalogue } from "./indexed.js";
import { matchPantry, toPantry } from "./pantry.js";

export const DEFAULT_SUGGESTIONS = 4;

/**
 * Ranks the recipes that meet the constraints by how much of what each needs the cook already has (weighted a
 * little by how much of the cook's list each uses: see PantryMatch.score); ties go to the recipe missing
 * fewer things. A recipe that uses nothing the cook has (besides staples) is no suggestion at all, so fewer
 * than `count` may come back.
 */
export function suggestRecipes(catalogue: IndexedCatalogue, input: FromIngredientsInput): Suggestion[] {
  const pantry = toPantry(input.ingredients);
  const constraints: Constraints = {
    diets: input.diets ?? [],
    exclude: input.exclude ?? [],
    maxMinutes: input.maxMinutes,
  };
  const ranked = catalogue.entries
    .filter(({ recipe }) => violations(recipe, constraints).length === 0)
    .map(({ recipe }, order) => ({ recipe, order, ...matchPantry(recipe, pantry) }))
    .filter((match) => match.coverage > 0)
    .sort((a, b) => b.score - a.score || a.missing.length - b.missing.length || a.order - b.order);
  return ranked.slice(0, input.count ?? DEFAULT_SUGGESTIONS).map(({ recipe, uses, missing, score }) => ({
    title: recipe.title,
    summary: recipe.summary,
    uses,
    missing,
    score: Math.floor(score * 100) / 100, // never rounds up to a perfect 1
    recipe,
  }));
}
