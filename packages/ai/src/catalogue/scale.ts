import type { Ingredient, Recipe } from "@sous/schemas";

/**
 * Scales a recipe to a number of servings. Quantities are multiplied and rounded the way a cook measures:
 * grams and millilitres to a sensible precision, spoons and cups to quarters, whole things (eggs, cloves,
 * cans) to halves when small and whole numbers otherwise. Nutrition stays per serving; times stay as they are.
 */
export function scaleRecipe(recipe: Recipe, servings: number): Recipe {
  if (servings === recipe.servings) return recipe;
  const factor = servings / recipe.servings;
  return {
    ...recipe,
    servings,
    ingredients: recipe.ingredients.map((item) => scaleIngredient(item, factor)),
  };
}

function scaleIngredient(item: Ingredient, factor: number): Ingredient {
  if (item.quantity === undefined) return item;
  return { ...item, quantity: roundQuantity(item.quantity * factor, item.unit) };
}

const METRIC_SMALL = new Set(["g", "ml"]);
const METRIC_LARGE = new Set(["kg", "l"]);
const MEASURES = new Set(["tsp", "tbsp", "cup"]);

export function roundQuantity(value: number, unit: string | undefined): number {
  const u = unit?.trim().toLowerCase();
  if (u && METRIC_SMALL.has(u)) {
    if (value >= 100) return Math.round(value / 5) * 5;
    if (value >= 10) return Math.round(value);
    return Math.max(0.5, Math.round(value * 2) / 2);
  }
  if (u && METRIC_LARGE.has(u)) return Math.max(0.05, Math.round(value * 20) / 20);
  if (u && MEASURES.has(u)) return Math.max(0.25, Math.round(value * 4) / 4);
  if (u === "pinch") return Math.max(1, Math.round(value));
  // Counted things: eggs, cloves, cans, slices, pieces, bunches.
  if (value < 3) return Math.max(0.5, Math.round(value * 2) / 2);
  return Math.round(value);
}
