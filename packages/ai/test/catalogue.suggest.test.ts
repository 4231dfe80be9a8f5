import { ALLERGENS, DIETS, type FromIngredientsInput } from "@sous/schemas";
import { describe, expect, it } from "vitest";
import { createCatalogueProvider } from "../src/index.js";
import { loadCatalogue } from "../src/catalogue/catalogue.js";
import { sameFood } from "../src/catalogue/pantry.js";
import { canonicalTokens, isStaple } from "../src/catalogue/synonyms.js";

const provider = createCatalogueProvider({ streamDelayMs: 0 });
const entries = await loadCatalogue();
const idOf = (title: string) => entries.find((entry) => entry.recipe.title === title)?.id;
const suggest = async (input: FromIngredientsInput) => (await provider.suggest(input)).suggestions;

// A small catalogue written with British names, so the synonym tests do not depend on the shipped data.
const fixture = createCatalogueProvider({ dataDir: new URL("./fixtures/catalogue/", import.meta.url) });

describe("catalogue suggest: pantry lists", () => {
  it.each<[string[], string, string[]]>([
    [["avocados", "lime", "cilantro", "red onion", "jalapeños", "tomato"], "guacamole", []],
    [["potatoes", "butter", "milk"], "mashed-potatoes", []],
    [["Chicken Thighs", "Rice", "Green Onions", "Soy Sauce", "eggs"], "oyakodon", ["onion", "dashi", "mirin"]],
    [["spaghetti", "eggs", "pecorino", "guanciale", "black pepper"], "spaghetti-carbonara", ["parmesan"]],
    [["chickpeas", "tahini", "lemon", "garlic"], "hummus", ["ground cumin", "paprika", "parsley"]],
    [
      ["bananas", "flour", "eggs", "butter", "baking soda", "sugar"],
      "banana-bread",
      ["brown sugar", "vanilla extract", "ground cinnamon"],
    ],
    [
      ["courgette", "aubergine", "capsicum", "tomatoes", "onions", "garlic"],
      "ratatouille",
      ["thyme", "bay leaf", "basil"],
    ],
    [["pasta", "tomatoes", "basil", "mozzarella"], "caprese-salad", []],
    [["eggs", "cheese", "butter", "chives"], "cheese-omelette", []],
  ])("%j → %s", async (ingredients, id, missing) => {
    const [top] = await suggest({ ingredients });
    expect(idOf(top!.title)).toBe(id);
    expect(top!.missing).toEqual(missing);
    expect(top!.uses.every((item) => ingredients.includes(item))).toBe(true);
    expect(top!.recipe.title).toBe(top!.title);
    expect(top!.summary).toBe(top!.recipe.summary);
  });

  it("returns `count` suggestions (4 by default), best first, each scored in 0..1", async () => {
    const four = await suggest({ ingredients: ["onion", "garlic", "tomato"] });
    expect(four).toHaveLength(4);
    const eight = await suggest({ ingredients: ["onion", "garlic", "tomato"], count: 8 });
    expect(eight).toHaveLength(8);
    for (const list of [four, eight]) {
      list.forEach((s, i) => {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
        if (i > 0) expect(s.score).toBeLessThanOrEqual(list[i - 1]!.score);
      });
    }
  });

  it("suggests nothing for staples alone or for foods no recipe uses", async () => {
    expect(await suggest({ ingredients: ["salt", "pepper", "olive oil", "water"] })).toEqual([]);
    expect(await suggest({ ingredients: ["unobtainium"] })).toEqual([]);
  });
});

describe("catalogue suggest: synonyms, plurals and staples", () => {
  it("matches American names to a recipe written with British ones, and staples are never missing", async () => {
    const [top] = (
      await fixture.suggest({ ingredients: ["shrimp", "zucchini", "eggplant", "scallions", "cilantro", "bell pepper"] })
    ).suggestions;
    expect(top!.title).toBe("Garden Prawn Stir-Fry");
    expect(top!.missing).toEqual([]); // olive oil, sea salt and black pepper are staples; the lime is optional
    expect(top!.score).toBe(1);
    const pantry = ["ground beef", "garbanzo beans", "canned tomatoes", "onions", "garlic cloves"];
    const [chilli] = (await fixture.suggest({ ingredients: pantry })).suggestions;
    expect(chilli!.title).toBe("Beef and Chickpea Chilli");
    expect(chilli!.missing).toEqual([]);
    const [salad] = (await fixture.suggest({ ingredients: ["Arugula"] })).suggestions;
    expect(salad!.missing).toEqual(["cucumber"]);
  });

  it.each([
    ["scallion", "green onion"],
    ["spring onions", "green onion"],
    ["courgettes", "zucchini"],
    ["aubergine", "eggplant"],
    ["coriander", "cilantro"],
    ["prawns", "shrimp"],
    ["garbanzo beans", "chickpeas"],
    ["capsicum", "red bell pepper"],
    ["minced beef", "ground beef"],
    ["beef mince", "ground beef"],
    ["rocket", "arugula"],
    ["cornflour", "cornstarch"],
    ["double cream", "heavy cream"],
    ["icing sugar", "powdered sugar"],
    ["plain flour", "all-purpose flour"],
    ["Tomatoes", "cherry tomato"],
    ["chicken", "chicken thigh"],
    ["lemons", "lemon juice"],
    ["eggs", "egg yolk"],
    ["cheddar", "cheddar cheese"],
    ["pasta", "spaghetti"],
    ["cheese", "mozzarella"],
  ])("a cook's %s covers a recipe's %s", (cook, recipe) => {
    expect(sameFood(canonicalTokens(cook), canonicalTokens(recipe))).toBe(true);
  });

  it.each([
    ["rice", "rice noodles"],
    ["chicken", "chicken stock"],
    ["onion", "green onion"],
    ["potato", "sweet potato"],
    ["milk", "coconut milk"],
    ["butter", "peanut butter"],
    ["coriander", "ground coriander"],
    ["flour", "rice flour"],
    ["garlic", "garlic powder"],
    ["tomato", "tomato paste"],
    ["ground beef", "beef chuck"],
    ["egg", "eggplant"],
  ])("a cook's %s does not cover a recipe's %s", (cook, recipe) => {
    expect(sameFood(canonicalTokens(cook), canonicalTokens(recipe))).toBe(false);
  });

  it("treats salt, pepper, oils, water and sugar as staples, and nothing else", () => {
    const staples = ["salt", "sea salt", "black pepper", "freshly ground black pepper", "olive oil"]
      .concat(["extra-virgin olive oil", "vegetable oil", "sunflower oil", "water", "boiling water", "sugar"]);
    for (const name of staples) expect(isStaple(name), name).toBe(true);
    for (const name of ["bell pepper", "sesame oil", "coconut oil", "brown sugar", "salted butter", "white pepper"]) {
      expect(isStaple(name), name).toBe(false);
    }
  });

  it("never lists a staple as missing, across the whole catalogue", async () => {
    for (const { recipe } of entries) {
      const first = recipe.ingredients.find((item) => !isStaple(item.name))!;
      for (const suggestion of await suggest({ ingredients: [first.name], count: 8 })) {
        const staples = suggestion.missing.filter((name) => isStaple(name));
        expect(staples, `${suggestion.title} for ${first.name}`).toEqual([]);
        expect(suggestion.uses).toEqual([first.name]);
      }
    }
  });
});

describe("catalogue suggest: filters are never violated", () => {
  const pantry = ["onion", "garlic", "tomato", "egg", "rice", "chicken", "flour", "milk", "butter", "potato", "carrot"];

  it.each(DIETS)("every suggestion for a %s cook declares that diet", async (diet) => {
    const suggestions = await suggest({ ingredients: pantry, diets: [diet], count: 8 });
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) expect(s.recipe.diets, s.title).toContain(diet);
  });

  it.each(ALLERGENS)("no suggestion excluding %s contains it", async (allergen) => {
    for (const ingredients of [pantry, ["shrimp", "soy sauce", "peanuts", "sesame oil", "celery", "mustard", "wine"]]) {
      for (const s of await suggest({ ingredients, exclude: [allergen], count: 8 })) {
        expect(s.recipe.allergens, s.title).not.toContain(allergen);
      }
    }
  });

  it("leaves out recipes with an excluded ingredient word and those over the time limit", async () => {
    const noOnion = await suggest({ ingredients: pantry, exclude: ["onions"], count: 8 });
    expect(noOnion.length).toBeGreaterThan(0);
    for (const s of noOnion) expect(s.recipe.ingredients.map((i) => i.name).join(",")).not.toMatch(/onion/);
    const quick = await suggest({ ingredients: pantry, maxMinutes: 15, count: 8 });
    expect(quick.length).toBeGreaterThan(0);
    for (const s of quick) expect(s.recipe.prepMinutes + s.recipe.cookMinutes).toBeLessThanOrEqual(15);
  });
});
