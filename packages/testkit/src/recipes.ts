import type { Recipe } from "@sous/schemas";

/**
 * Sample recipes for tests and the bench: complete and valid, so Sous's validation passes as in production. Each
 * call returns a fresh copy, so a test may change what it got without touching another test's.
 */

const PAD_THAI: Recipe = {
  title: "Pad Thai",
  summary: "Stir-fried rice noodles with egg, tofu, bean sprouts and peanuts in a tamarind sauce.",
  cuisine: "Thai",
  servings: 2,
  prepMinutes: 20,
  cookMinutes: 10,
  difficulty: "medium",
  diets: ["vegetarian"],
  allergens: ["eggs", "peanuts", "soy"],
  ingredients: [
    { name: "flat rice noodles", quantity: 200, unit: "g" },
    { name: "eggs", quantity: 2 },
    { name: "firm tofu", quantity: 150, unit: "g", note: "cubed" },
    { name: "tamarind paste", quantity: 2, unit: "tbsp" },
    { name: "roasted peanuts", quantity: 40, unit: "g", note: "chopped" },
  ],
  steps: [
    "Soak the noodles in warm water for 20 minutes, then drain.",
    "Fry the tofu until golden, push aside and scramble the eggs.",
    "Add noodles and tamarind sauce, toss for 2 minutes, top with peanuts.",
  ],
  tips: ["Have everything ready before you start: it cooks fast."],
  nutrition: { calories: 620, proteinG: 24, carbsG: 80, fatG: 22 },
};

const PANCAKES: Recipe = {
  title: "Pancakes",
  summary: "Thin pancakes for a weekend breakfast.",
  cuisine: "French",
  servings: 4,
  prepMinutes: 10,
  cookMinutes: 20,
  difficulty: "easy",
  diets: ["vegetarian"],
  allergens: ["gluten", "eggs", "milk"],
  ingredients: [
    { name: "plain flour", quantity: 250, unit: "g" },
    { name: "eggs", quantity: 2 },
    { name: "whole milk", quantity: 500, unit: "ml" },
    { name: "sugar", quantity: 1, unit: "tbsp" },
    { name: "salt", quantity: 1, unit: "tsp" },
    { name: "butter", note: "for the pan" },
  ],
  steps: ["Whisk everything into a smooth batter and let it rest.", "Fry thin pancakes in a hot buttered pan."],
  nutrition: { calories: 320, proteinG: 11, carbsG: 48, fatG: 9 },
};

/** A complete recipe as a model answers it (every optional field set): Pad Thai, which contains peanuts. */
export function sampleRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return { ...structuredClone(PAD_THAI), ...overrides };
}

/**
 * A recipe for scaling: serves 4, with amounts in g, ml, tbsp and tsp, a counted ingredient and one without a
 * quantity (Pancakes, no tips).
 */
export function samplePancakes(overrides: Partial<Recipe> = {}): Recipe {
  return { ...structuredClone(PANCAKES), ...overrides };
}

/** A recipe with only the required fields: the given title and ingredient names, the rest filler. */
export function plainRecipe(title: string, ingredientNames: string[], overrides: Partial<Recipe> = {}): Recipe {
  return {
    title,
    summary: `${title}, simply.`,
    servings: 2,
    prepMinutes: 10,
    cookMinutes: 10,
    difficulty: "easy",
    diets: [],
    allergens: [],
    ingredients: ingredientNames.map((name) => ({ name })),
    steps: ["Cook everything."],
    ...overrides,
  };
}
