import { describe, expect, it } from "vitest";
import type { Recipe } from "@sous/schemas";
import { plainRecipe } from "@sous/testkit";
import { checkRecipeCompliance, type ComplianceConstraints } from "../../src/index.js";

/** A recipe with just the fields the check reads (ingredients, and what `extra` sets); the rest are filler. */
const recipe = (ingredients: string[], extra: Partial<Recipe> = {}): Recipe => plainRecipe("Test dish", ingredients, extra);

type Case = [description: string, Recipe, ComplianceConstraints, expected: string[]];

const CASES: Case[] = [
  // Vegetarian and vegan.
  ["vegetable curry is vegetarian", recipe(["chickpeas", "coconut milk", "vegetable stock", "spinach"]), { diets: ["vegetarian", "vegan"] }, []],
  ["chicken is not vegetarian", recipe(["chicken thighs", "rice"]), { diets: ["vegetarian"] }, ["not vegetarian: contains chicken thighs (poultry)"]],
  ["fish sauce and anchovies are not vegetarian", recipe(["fish sauce", "anchovies", "lime"]), { diets: ["vegetarian"] }, ["not vegetarian: contains fish sauce (fish)", "not vegetarian: contains anchovies (fish)"]],
  ["Worcestershire hides anchovies", recipe(["Worcestershire sauce"]), { diets: ["vegetarian"] }, ["not vegetarian: contains Worcestershire sauce (fish)"]],
  ["vegetarian Worcestershire is fine", recipe(["vegetarian Worcestershire sauce"]), { diets: ["vegetarian"] }, []],
  ["gelatine and plain stock are not vegetarian", recipe(["gelatine leaves", "stock"]), { diets: ["vegetarian"] }, ["not vegetarian: contains gelatine leaves (animal product)", "not vegetarian: contains stock (meat stock)"]],
  ["Thai curry paste carries shrimp paste", recipe(["green curry paste", "tofu"]), { diets: ["vegetarian"] }, ["not vegetarian: contains green curry paste (crustaceans)"]],
  ["butter, eggs and honey are not vegan", recipe(["butter", "eggs", "honey", "flour"]), { diets: ["vegan"] }, ["not vegan: contains butter (milk)", "not vegan: contains eggs (eggs)", "not vegan: contains honey (honey)"]],
  ["plant milks, peanut butter, butter beans and eggplant are vegan", recipe(["oat milk", "peanut butter", "butter beans", "eggplant", "coconut cream", "cream of tartar", "vegan butter"]), { diets: ["vegan"] }, []],
  ["a declared allergen counts without a tell-tale ingredient", recipe(["mystery sauce"], { allergens: ["milk"] }), { diets: ["vegan"] }, ["not vegan: declares milk"]],
  ["duck eggs and oyster mushrooms are vegetarian", recipe(["duck eggs", "oyster mushrooms", "blood orange"]), { diets: ["vegetarian"] }, []],
  ["goat's cheese is vegetarian, goat is not", recipe(["goat's cheese", "goat shoulder"]), { diets: ["vegetarian"] }, ["not vegetarian: contains goat shoulder (meat)"]],
  // Pescatarian.
  ["fish is pescatarian, bacon is not", recipe(["salmon fillet", "prawns", "bacon"]), { diets: ["pescatarian"] }, ["not pescatarian: contains bacon (pork)"]],
  ["fish stock is pescatarian, chicken stock is not", recipe(["fish stock", "chicken stock"]), { diets: ["pescatarian"] }, ["not pescatarian: contains chicken stock (poultry)"]],
  // Gluten-free.
  ["flour, soy sauce, couscous and beer contain gluten", recipe(["all-purpose flour", "soy sauce", "couscous", "beer", "rice"]), { diets: ["gluten-free"] }, ["not gluten-free: contains all-purpose flour (gluten)", "not gluten-free: contains soy sauce (gluten)", "not gluten-free: contains couscous (gluten)", "not gluten-free: contains beer (gluten)"]],
  ["gluten-free swaps pass", recipe(["tamari", "rice flour", "corn tortillas", "gluten-free pasta", "buckwheat", "rice noodles", "cornflour", "GF soy sauce", "chickpea flour"]), { diets: ["gluten-free"] }, []],
  // Dairy-free and nut-free.
  ["cheese and cream are not dairy-free", recipe(["parmesan", "heavy cream", "olive oil"]), { diets: ["dairy-free"] }, ["not dairy-free: contains parmesan (milk)", "not dairy-free: contains heavy cream (milk)"]],
  ["nuts in every form", recipe(["roasted peanuts", "cashews", "pine nuts", "pesto", "nutmeg", "coconut", "water chestnuts"]), { diets: ["nut-free"] }, ["not nut-free: contains roasted peanuts (peanuts)", "not nut-free: contains cashews (tree nuts)", "not nut-free: contains pine nuts (tree nuts)", "not nut-free: contains pesto (tree nuts)"]],
  // Halal and kosher.
  ["pork and wine are not halal; wine vinegar is", recipe(["pancetta", "red wine", "red wine vinegar", "beef mince"]), { diets: ["halal"] }, ["not halal: contains pancetta (pork)", "not halal: contains red wine (alcohol)"]],
  ["turkey bacon is halal", recipe(["turkey bacon", "lamb"]), { diets: ["halal"] }, []],
  ["shellfish and meat with dairy are not kosher", recipe(["shrimp", "chicken breast", "butter"]), { diets: ["kosher"] }, ["not kosher: contains shrimp (crustaceans)", "not kosher: mixes meat (chicken breast) with dairy (butter)"]],
  ["fish with dairy is kosher", recipe(["salmon", "butter", "dill"]), { diets: ["kosher"] }, []],
  // Keto and low-carb.
  ["carbs per serving decide keto and low-carb", recipe(["steak", "butter"], { nutrition: { calories: 600, proteinG: 40, carbsG: 12, fatG: 45 } }), { diets: ["keto", "low-carb"] }, ["not keto: 12 g carbohydrate per serving (at most 10 g)"]],
  ["without nutrition facts, starchy staples decide", recipe(["potatoes", "cauliflower rice", "rice vinegar"]), { diets: ["keto"] }, ["not keto: contains potatoes (high-carb)"]],
  // Exclusions.
  ["an allergen exclusion uses its table", recipe(["butter", "salt"]), { exclude: ["milk"] }, ["contains butter (milk)"]],
  ["an allergen exclusion also reads declared allergens", recipe(["butter"], { allergens: ["milk"] }), { exclude: ["milk"] }, ["contains butter (milk)", "declares milk"]],
  ["'dairy' and 'shellfish' name allergen groups", recipe(["ghee", "mussels", "crab"]), { exclude: ["dairy", "shellfish"] }, ["contains ghee (milk)", "contains mussels (molluscs)", "contains crab (crustaceans)"]],
  ["'nuts' covers peanuts and tree nuts", recipe(["peanut oil", "almonds", "nutmeg"]), { exclude: ["nuts"] }, ["contains peanut oil (peanuts)", "contains almonds (tree nuts)"]],
  ["a word matches singular and plural and synonyms", recipe(["fresh coriander", "cherry tomatoes", "spring onions"]), { exclude: ["cilantro", "tomato", "scallions"] }, ["contains fresh coriander (excluded: cilantro)", "contains cherry tomatoes (excluded: tomato)", "contains spring onions (excluded: scallions)"]],
  ["a word covers its kinds", recipe(["shiitake mushrooms", "dried porcini", "leek"]), { exclude: ["mushrooms"] }, ["contains shiitake mushrooms (excluded: mushrooms)", "contains dried porcini (excluded: mushrooms)"]],
  ["a word matches whole words only", recipe(["eggplant", "pineapple"]), { exclude: ["egg", "apple"] }, []],
  ["no constraints, no violations", recipe(["bacon", "eggs"]), {}, []],
];

describe("checkRecipeCompliance", () => {
  it.each(CASES)("%s", (_description, subject, constraints, expected) => {
    const result = checkRecipeCompliance(subject, constraints);
    expect(result.violations).toEqual(expected);
    expect(result.ok).toBe(expected.length === 0);
  });
});
