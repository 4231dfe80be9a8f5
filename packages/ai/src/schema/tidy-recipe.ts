/**
 * What a model gets slightly wrong in a recipe that is still perfectly usable, fixed before validation so it
 * never costs a paid repair call. The schema's descriptions and the prompt say the same rules (quantity above 0,
 * left out when unmeasured); this is the third place that agrees with them:
 * - quantity 0, negative, null or words ("to taste") → left out, the words kept as the note;
 * - quantity as a numeric string ("2", "1/2", "1 1/2") → the number;
 * - empty unit or note, and null optional fields → left out.
 * Provider-neutral: any structured provider can run its parsed JSON through it.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** "2" → 2, "1/2" → 0.5, "1 1/2" → 1.5, "1.5" → 1.5; anything else → undefined. */
export function parseQuantity(text: string): number | undefined {
  const match = /^\s*(?:(\d+(?:\.\d+)?)|(?:(\d+)\s+)?(\d+)\s*\/\s*(\d+))\s*$/.exec(text);
  if (!match) return undefined;
  if (match[1] !== undefined) return Number(match[1]);
  const denominator = Number(match[4]);
  if (denominator === 0) return undefined;
  return Number(match[2] ?? 0) + Number(match[3]) / denominator;
}

function tidyIngredient(ingredient: unknown): unknown {
  if (!isObject(ingredient)) return ingredient;
  const out: Json = { ...ingredient };
  let quantity = out.quantity;
  if (typeof quantity === "string") {
    const parsed = parseQuantity(quantity);
    if (parsed === undefined && quantity.trim() && (out.note === undefined || out.note === "")) out.note = quantity.trim();
    quantity = parsed;
  }
  if (typeof quantity === "number" && Number.isFinite(quantity) && quantity > 0) out.quantity = quantity;
  else delete out.quantity;
  for (const key of ["unit", "note"]) {
    if (out[key] === null || (typeof out[key] === "string" && (out[key] as string).trim() === "")) delete out[key];
  }
  return out;
}

const OPTIONAL_RECIPE_FIELDS = ["cuisine", "tips", "nutrition"];

export function tidyRecipe(recipe: unknown): unknown {
  if (!isObject(recipe)) return recipe;
  const out: Json = { ...recipe };
  for (const key of OPTIONAL_RECIPE_FIELDS) if (out[key] === null) delete out[key];
  if (Array.isArray(out.ingredients)) out.ingredients = out.ingredients.map(tidyIngredient);
  return out;
}

/** The suggestions answer: each suggestion's recipe tidied. */
export function tidySuggestions(answer: unknown): unknown {
  if (!isObject(answer) || !Array.isArray(answer.suggestions)) return answer;
  return {
    ...answer,
    suggestions: answer.suggestions.map((s) => (isObject(s) ? { ...s, recipe: tidyRecipe(s.recipe) } : s)),
  };
}
