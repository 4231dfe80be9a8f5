import type { GenerateRecipeInput, Recipe } from "@sous/schemas";

/** Constraints the model was asked to meet but did not; the recipe is still usable, so it is said, not refused. */
export function recipeWarnings(input: GenerateRecipeInput, recipe: Recipe): string[] {
  const warnings: string[] = [];
  const minutes = recipe.prepMinutes + recipe.cookMinutes;
  if (input.maxMinutes !== undefined && minutes > input.maxMinutes) {
    warnings.push(`Takes about ${minutes} minutes in all, more than the ${input.maxMinutes} asked for.`);
  }
  if (input.servings !== undefined && recipe.servings !== input.servings) {
    warnings.push(`Serves ${recipe.servings} rather than the ${input.servings} asked for; scale the quantities.`);
  }
  return warnings;
}
