import { describe, expect, it } from "vitest";
import { createCatalogueProvider } from "../src/index.js";
import { courseOfRecipe } from "../src/catalogue/course.js";

/**
 * Dish queries against the offline catalogue: dishes it has (also with typos and filler words: no warning),
 * and dishes it does not have (never passed off: a warning that says so and lists the nearest matches, and a
 * substitute of the same course).
 */
const provider = createCatalogueProvider({ streamDelayMs: 0 });
const ask = (dish: string) => provider.generateRecipe({ dish });

describe("dishes the catalogue has", () => {
  it.each([
    ["pad thai", "Pad Thai"],
    ["pad-thai", "Pad Thai"],
    ["PAD THAI.", "Pad Thai"],
    ["chiken tikka masala", "Chicken Tikka Masala"],
    ["best ever easy pad thai", "Pad Thai"],
    ["easy air fryer buffalo wings", "Buffalo Wings"],
    ["quick homemade brownies", "Brownies"],
    ["the ultimate tiramisu", "Tiramisu"],
    ["instant pot chili con carne", "Chili con Carne"],
  ])("%s → %s, with no warning", async (dish, title) => {
    const answer = await ask(dish);
    expect(answer.recipe.title).toBe(title);
    expect(answer.warnings).toEqual([]);
  });
});

describe("dishes the catalogue does not have", () => {
  it.each([
    ["pavlova", "dessert"],
    ["banoffee pie", "dessert"],
    ["key lime pie", "dessert"],
    ["chocolate souffle", "dessert"],
    ["pad see ew", "savoury"],
    ["gumbo", "savoury"],
    ["xyzzy stew", "savoury"],
    ["sheet pan nachos", "savoury"],
  ])("%s: labelled as not in the catalogue, nearest matches listed, same course (%s)", async (dish, course) => {
    const answer = await ask(dish);
    expect(answer.recipe.title.toLowerCase()).not.toBe(dish);
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toContain(`has no recipe for "${dish}", and this is not that dish`);
    expect(answer.warnings[0]).toMatch(/Nearest matches: [^;]+, [^;]+/);
    expect(courseOfRecipe(answer.recipe)).toBe(course);
  });

  it("a filtered-out dessert is replaced by a dessert when one meets the request", async () => {
    const answer = await provider.generateRecipe({ dish: "cheesecake", diets: ["gluten-free"] });
    expect(answer.recipe.title).not.toMatch(/cheesecake/i);
    expect(answer.recipe.diets).toContain("gluten-free");
    expect(courseOfRecipe(answer.recipe)).toBe("dessert");
    expect(answer.warnings).toHaveLength(1);
  });
});
