import { describe, expect, it } from "vitest";
import { recipePage } from "@sous/testkit";
import { Recipe } from "@sous/schemas";
import { mapSchemaRecipe } from "../../src/import/map-recipe.js";
import { findJsonLdRecipe, findMicrodataRecipe, load } from "../../src/import/structured-data.js";
import { recipeFromText } from "../../src/import/text-recipe.js";
import { parseIngredientLine } from "../../src/import/ingredient-lines.js";

describe("schema.org recipes from real-world markup", () => {
  it("reads a WordPress recipe out of a Yoast @graph", () => {
    const node = findJsonLdRecipe(load(recipePage("wordpress-graph")));
    const mapped = mapSchemaRecipe(node!)!;
    expect(Recipe.parse(mapped.recipe)).toEqual(mapped.recipe);
    expect(mapped.recipe).toMatchObject({
      title: "Easy Banana Bread (One Bowl!)",
      summary: "Moist banana bread made in one bowl with brown sugar & a hint of cinnamon.",
      cuisine: "American",
      servings: 10,
      prepMinutes: 15,
      cookMinutes: 60,
      diets: ["vegetarian"],
      nutrition: { calories: 240, proteinG: 3, carbsG: 38, fatG: 8 },
    });
    expect(mapped.recipe.ingredients.slice(0, 3)).toEqual([
      { name: "ripe bananas", quantity: 3, note: "mashed" },
      { name: "melted butter", quantity: 0.333, unit: "cup", note: "75 g" },
      { name: "baking soda", quantity: 1, unit: "teaspoon" },
    ]);
    expect(mapped.recipe.ingredients).toContainEqual({ name: "large egg", quantity: 1, note: "beaten" });
    expect(mapped.recipe.steps).toHaveLength(4);
    expect(mapped.recipe.steps[0]).toMatch(/^Preheat the oven to 175°C/);
    expect(mapped.recipe.allergens).toEqual(expect.arrayContaining(["gluten", "eggs", "milk"]));
  });

  it("reads a JSON-LD array with a multi-typed Recipe, HowToSections and a yield range; drops a contradicted diet", () => {
    const node = findJsonLdRecipe(load(recipePage("news-site-sections")));
    const mapped = mapSchemaRecipe(node!)!;
    expect(mapped.recipe).toMatchObject({
      title: "Weeknight Chicken Curry",
      summary: "A mild, creamy curry that's on the table in 45 minutes.",
      servings: 4,
      prepMinutes: 20,
      cookMinutes: 25, // totalTime 45 − prepTime 20
    });
    expect(mapped.recipe.steps).toEqual([
      "Heat the oil in a large pan and fry the onion for 8 mins until soft.",
      "Stir in the garlic and curry paste and cook for 1 min more.",
      "Add the chicken and brown all over, then pour in the coconut milk.",
      "Simmer for 15 mins until the chicken is cooked through. Scatter with coriander.",
    ]);
    expect(mapped.recipe.ingredients).toContainEqual({ name: "boneless chicken thighs", quantity: 500, unit: "g", note: "cut into chunks" });
    expect(mapped.recipe.ingredients).toContainEqual({ name: "handful coriander", quantity: 1, note: "optional" });
    // The page claims vegan; chicken says otherwise.
    expect(mapped.recipe.diets).toEqual(["gluten-free"]);
    expect(mapped.warnings.join(" ")).toMatch(/vegan, but .*chicken/);
  });

  it("reads microdata", () => {
    const page = recipePage("microdata");
    expect(findJsonLdRecipe(load(page))).toBeUndefined();
    const mapped = mapSchemaRecipe(findMicrodataRecipe(page, "https://drinks.example/lemonade")!)!;
    expect(mapped.recipe).toMatchObject({ title: "Classic Lemonade", servings: 6, prepMinutes: 10, cookMinutes: 0 });
    expect(mapped.recipe.ingredients.map((i) => [i.quantity, i.unit, i.name])).toEqual([
      [1, "cup", "sugar"],
      [1, "cup", "water"],
      [1, "cup", "fresh lemon juice"],
      [3, "cups", "cold water"],
    ]);
    expect(mapped.recipe.steps).toHaveLength(3);
  });

  it("finds nothing on a page without a recipe", () => {
    const page = recipePage("no-recipe");
    expect(findJsonLdRecipe(load(page))).toBeUndefined();
    expect(findMicrodataRecipe(page, undefined)).toBeUndefined();
  });

  it("refuses a structured recipe with no ingredients or no steps", () => {
    expect(mapSchemaRecipe({ "@type": "Recipe", name: "Air", recipeIngredient: [], recipeInstructions: "Breathe." })).toBeUndefined();
    expect(mapSchemaRecipe({ "@type": "Recipe", name: "Soup", recipeIngredient: ["1 l water"] })).toBeUndefined();
  });

  it("says what the page left out", () => {
    const mapped = mapSchemaRecipe({ "@type": "Recipe", name: "Toast", recipeIngredient: ["2 slices bread"], recipeInstructions: "Toast the bread." })!;
    expect(mapped.recipe).toMatchObject({ servings: 4, prepMinutes: 0, cookMinutes: 0, summary: "" });
    expect(mapped.warnings.join(" ")).toMatch(/how many it serves/);
    expect(mapped.warnings.join(" ")).toMatch(/no cooking times/);
  });
});

describe("ingredient lines", () => {
  it.each([
    ["1 1/2 cups flour, sifted", { name: "flour", quantity: 1.5, unit: "cups", note: "sifted" }],
    ["½ tsp. vanilla extract", { name: "vanilla extract", quantity: 0.5, unit: "tsp" }],
    ["200g butter", { name: "butter", quantity: 200, unit: "g" }],
    ["salt to taste", { name: "salt to taste" }],
    ["2-3 cloves garlic", { name: "garlic", quantity: 2, unit: "cloves", note: "2–3" }],
    ["• 3 large eggs", { name: "large eggs", quantity: 3 }],
  ])("%s", (line, expected) => {
    expect(parseIngredientLine(line)).toEqual(expected);
  });
});

describe("recipes from plain text, without a model", () => {
  it("reads headings, servings and times, and says what it could not fill", () => {
    const text = [
      "Lemon drizzle cake",
      "Serves 8. Prep: 20 min. Bake: 45 minutes.",
      "Ingredients",
      "225g butter, softened",
      "225g caster sugar",
      "4 eggs",
      "2 lemons, zested",
      "Method",
      "Heat the oven to 180C and line a loaf tin.",
      "Beat the butter and sugar until pale, then beat in the eggs and zest.",
      "Bake for 45 minutes until a skewer comes out clean.",
    ].join("\n");
    const result = recipeFromText(text)!;
    expect(result.recipe).toMatchObject({ title: "Lemon drizzle cake", servings: 8, prepMinutes: 20, cookMinutes: 45, summary: "" });
    expect(result.recipe.ingredients).toHaveLength(4);
    expect(result.recipe.steps).toHaveLength(3);
    expect(result.warnings.join(" ")).toMatch(/without a language model/);
    expect(result.warnings.join(" ")).toMatch(/No summary/);
  });

  it("reads a recipe without headings by the shape of its lines", () => {
    const result = recipeFromText("Quick omelette\n2 eggs\n1 tbsp butter\nBeat the eggs and cook them gently in the butter.")!;
    expect(result.recipe.ingredients.map((i) => i.name)).toEqual(["eggs", "butter"]);
    expect(result.recipe.steps).toEqual(["Beat the eggs and cook them gently in the butter."]);
  });

  it("gives up on text that is not a recipe", () => {
    expect(recipeFromText("Meeting notes\nWe discussed the budget for next year and agreed on the plan.")).toBeUndefined();
  });
});
