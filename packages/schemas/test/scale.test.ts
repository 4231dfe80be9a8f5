import { describe, expect, it } from "vitest";
import type { Ingredient, Recipe } from "../src/index.js";
import { scaleIngredient, scaleRecipe } from "../src/index.js";

const scaled = (quantity: number, unit: string | undefined, factor: number) => {
  const { quantity: q, unit: u } = scaleIngredient({ name: "x", quantity, ...(unit ? { unit } : {}) }, factor);
  return u === undefined ? `${q}` : `${q} ${u}`;
};

describe("scaleIngredient", () => {
  it("moves metric amounts up to kg and l, and back down", () => {
    expect(scaled(500, "g", 2)).toBe("1 kg");
    expect(scaled(400, "g", 3)).toBe("1.2 kg");
    expect(scaled(750, "ml", 2)).toBe("1.5 l");
    expect(scaled(1, "kg", 0.5)).toBe("500 g");
    expect(scaled(1.5, "l", 0.25)).toBe("375 ml");
    expect(scaled(2, "kg", 1.5)).toBe("3 kg");
  });

  it("rounds grams whole above 10 g, to 5 g above 100 g, and to halves below", () => {
    expect(scaled(15, "g", 1.5)).toBe("23 g");
    expect(scaled(130, "g", 1.5)).toBe("195 g");
    expect(scaled(123, "g", 1.1)).toBe("135 g");
    expect(scaled(5, "g", 0.25)).toBe("1.5 g");
    expect(scaled(1, "g", 0.1)).toBe("0.5 g");
  });

  it("moves spoons to tablespoons and cups when the amount reads well there", () => {
    expect(scaled(1, "tsp", 3)).toBe("1 tbsp");
    expect(scaled(1, "tbsp", 16)).toBe("1 cup");
    expect(scaled(2, "tbsp", 4)).toBe("0.5 cup");
    expect(scaled(0.5, "cup", 4)).toBe("2 cups");
    expect(scaled(2, "tbsp", 1.5)).toBe("3 tbsp");
    expect(scaled(2, "tbsp", 2)).toBe("0.25 cup");
    // 4 tsp is 1⅓ tbsp: no spoon measures that, so it stays in teaspoons.
    expect(scaled(2, "tsp", 2)).toBe("4 tsp");
    expect(scaled(3, "tbsp", 1.5)).toBe("4.5 tbsp");
  });

  it("moves spoons and cups back down when scaling down", () => {
    expect(scaled(1, "tbsp", 0.5)).toBe("1.5 tsp");
    expect(scaled(1, "cup", 0.25)).toBe("0.25 cup");
    expect(scaled(1, "cup", 1 / 3)).toBe("0.33 cup");
    expect(scaled(1, "cup", 1 / 8)).toBe("2 tbsp");
    expect(scaled(1, "tsp", 0.25)).toBe("0.25 tsp");
    expect(scaled(1, "tsp", 0.05)).toBe("0.125 tsp");
  });

  it("keeps the cook's spelling when the unit does not change, and understands long names", () => {
    expect(scaled(2, "Tablespoons", 1.5)).toBe("3 Tablespoons");
    expect(scaled(6, "teaspoons", 1.5)).toBe("3 tbsp");
    expect(scaled(6, "teaspoons", 2)).toBe("0.25 cup");
    expect(scaled(8, "oz", 4)).toBe("2 lb");
    expect(scaled(1, "lb", 0.25)).toBe("4 oz");
    expect(scaled(2, "dl", 3)).toBe("600 ml");
  });

  it("rounds counted things to halves while small and to whole numbers after", () => {
    expect(scaled(3, undefined, 0.5)).toBe("1.5");
    expect(scaled(1, undefined, 0.25)).toBe("0.5");
    expect(scaled(3, "clove", 1.5)).toBe("5 clove");
    expect(scaled(2, "can", 0.75)).toBe("1.5 can");
    expect(scaled(1, "pinch", 0.25)).toBe("1 pinch");
  });

  it("leaves ingredients without a quantity alone", () => {
    const salt: Ingredient = { name: "salt", note: "to taste" };
    expect(scaleIngredient(salt, 3)).toEqual(salt);
  });
});

describe("scaleRecipe", () => {
  // @sous/testkit depends on this package, so the sample is written out here.
  const recipe: Recipe = {
    title: "Pancakes",
    summary: "Thin pancakes for a weekend breakfast.",
    servings: 4,
    prepMinutes: 10,
    cookMinutes: 20,
    difficulty: "easy",
    diets: ["vegetarian"],
    allergens: ["gluten", "eggs", "milk"],
    steps: ["Whisk everything into a smooth batter.", "Fry thin pancakes in a hot buttered pan."],
    nutrition: { calories: 320, proteinG: 11, carbsG: 48, fatG: 9 },
    ingredients: [
      { name: "flour", quantity: 250, unit: "g" },
      { name: "eggs", quantity: 2 },
      { name: "milk", quantity: 500, unit: "ml" },
      { name: "sugar", quantity: 1, unit: "tbsp" },
      { name: "salt" },
    ],
  };

  it("scales every quantity, sets servings, keeps nutrition per serving and times as they are", () => {
    const doubled = scaleRecipe(recipe, 8);
    expect(doubled.servings).toBe(8);
    expect(doubled.ingredients).toEqual([
      { name: "flour", quantity: 500, unit: "g" },
      { name: "eggs", quantity: 4 },
      { name: "milk", quantity: 1, unit: "l" },
      { name: "sugar", quantity: 2, unit: "tbsp" },
      { name: "salt" },
    ]);
    expect(doubled.nutrition).toEqual(recipe.nutrition);
    expect([doubled.prepMinutes, doubled.cookMinutes]).toEqual([10, 20]);
    expect(recipe.ingredients[0]!.quantity).toBe(250);
  });

  it("scales down", () => {
    const one = scaleRecipe(recipe, 1);
    expect(one.ingredients.map((i) => [i.quantity, i.unit])).toEqual([
      [63, "g"],
      [0.5, undefined],
      [125, "ml"],
      [0.75, "tsp"],
      [undefined, undefined],
    ]);
  });

  it("returns the recipe unchanged for its own servings", () => {
    expect(scaleRecipe(recipe, 4)).toBe(recipe);
  });
});
