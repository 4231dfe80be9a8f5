import { ALLERGENS, DIETS, scaleRecipe, type GenerateRecipeInput } from "@sous/schemas";
import { describe, expect, it } from "vitest";
import { createCatalogueProvider } from "../src/index.js";
import { loadCatalogue } from "../src/catalogue/catalogue.js";

const provider = createCatalogueProvider({ streamDelayMs: 0 });
const entries = await loadCatalogue();
const idOf = (title: string) => entries.find((entry) => entry.recipe.title === title)?.id;
const generate = (input: GenerateRecipeInput) => provider.generateRecipe(input);

describe("catalogue generateRecipe: dish names", () => {
  it.each([
    ["pad thai", "pad-thai"],
    ["Pad Thai!", "pad-thai"],
    ["carbonarra", "spaghetti-carbonara"], // typo
    ["spagetti bolognaise", "spaghetti-bolognese"], // two typos
    ["phad tai", "pad-thai"], // alias with a typo
    ["butter chiken", "butter-chicken"],
    ["biriyani", "chicken-biryani"],
    ["hummous", "hummus"],
    ["lasagne", "lasagna"], // spelling variant
    ["pancake", "buttermilk-pancakes"], // singular of a plural alias
    ["burgers", "classic-cheeseburger"], // plural of an alias
    ["falafels", "falafel"],
    ["samosas", "vegetable-samosas"],
    ["brownie", "brownies"],
    ["cookies", "chocolate-chip-cookies"],
    ["curry green thai", "thai-green-curry"], // word order
    ["tikka masala chicken", "chicken-tikka-masala"],
    ["fish chips", "fish-and-chips"],
    ["spag bol", "spaghetti-bolognese"], // alias
    ["gyoza", "pork-and-cabbage-dumplings"],
    ["tabouli", "tabbouleh"],
    ["mac n cheese", "mac-and-cheese"],
    ["boeuf bourguignon", "beef-bourguignon"], // alias spelled without its œ
    ["CRÈME BRÛLÉE", "creme-brulee"], // case and accents
    ["creme brulee", "creme-brulee"],
    ["padthai", "pad-thai"], // run together
    ["tomyum", "tom-yum-soup"],
    ["meat balls", "swedish-meatballs"], // split compound
    ["shepherds pie", "shepherds-pie"],
    ["chicken soup", "chicken-noodle-soup"],
    ["omelet", "cheese-omelette"],
    ["burrito", "bean-burritos"],
    ["chilli con carne", "chili-con-carne"],
    ["vegan chili", "vegetarian-chili"], // a diet word in the name is a constraint
  ])("%s → %s", async (dish, id) => {
    const answer = await generate({ dish });
    expect(idOf(answer.recipe.title)).toBe(id);
    expect(answer.warnings).toEqual([]);
  });

  it("says when it has nothing close, and still answers", async () => {
    for (const dish of ["xyzzy plugh", "a", "!!!", "sushi"]) {
      const answer = await generate({ dish });
      expect(answer.recipe.title.length).toBeGreaterThan(0);
      expect(answer.warnings.join(" ")).toContain("no recipe for");
    }
  });

  it("prefers the requested cuisine among similar names", async () => {
    expect((await generate({ dish: "curry", cuisine: "Thai" })).recipe.cuisine).toBe("Thai");
    expect((await generate({ dish: "curry", cuisine: "japanese" })).recipe.cuisine).toBe("Japanese");
    const italian = await generate({ dish: "pad thai", cuisine: "Italian" });
    expect(italian.recipe.title).toBe("Pad Thai");
    expect(italian.warnings.join(" ")).toContain("not Italian");
  });
});

describe("catalogue generateRecipe: constraints are never silently broken", () => {
  const titles = entries.map((entry) => entry.recipe.title);

  it("offers a compliant recipe, with a warning, when the dish asked for breaks a diet", async () => {
    for (const input of [{ dish: "pad thai", diets: ["vegan" as const] }, { dish: "vegan pad thai" }]) {
      const answer = await generate(input);
      expect(answer.recipe.diets).toContain("vegan");
      const instead = `here is ${answer.recipe.title} instead.`;
      expect(answer.warnings).toEqual([`No vegan Pad Thai in the offline catalogue; ${instead}`]);
    }
  });

  it.each(DIETS)("every dish name asked as %s returns a recipe declaring that diet", async (diet) => {
    for (const dish of titles) {
      const answer = await generate({ dish, diets: [diet] });
      expect(answer.recipe.diets, `${dish} as ${diet}`).toContain(diet);
      if (idOf(answer.recipe.title) !== idOf(dish)) expect(answer.warnings.length, dish).toBeGreaterThan(0);
    }
  });

  it.each(ALLERGENS)("every dish name excluding %s returns a recipe without it", async (allergen) => {
    for (const dish of titles) {
      const answer = await generate({ dish, exclude: [allergen] });
      expect(answer.recipe.allergens, `${dish} without ${allergen}`).not.toContain(allergen);
      if (idOf(answer.recipe.title) !== idOf(dish)) expect(answer.warnings.length, dish).toBeGreaterThan(0);
    }
  });

  it("honours excluded ingredient words with their synonyms and plurals", async () => {
    // [excluded word, ingredient names it rules out, names that only look like it]
    const cases: Array<[string, RegExp, RegExp?]> = [
      ["cilantro", /^(?:cilantro|fresh coriander|coriander leaf|coriander leaves|coriander)$/],
      ["mushrooms", /mushroom/],
      ["onion", /onion/],
      ["pork", /\b(?:pork|bacon|ham|pancetta|guanciale|prosciutto|chorizo|sausage)\b/],
      ["dairy", /\b(?:butter|milk|cream|cheese|yogurt|parmesan|ghee|paneer)\b/, /coconut|peanut|oat|almond|soy|tartar/],
      ["nuts", /\b(?:peanuts?|almonds?|cashews?|walnuts?|pecans?|pistachios?|hazelnuts?|pine nuts?)\b/],
      ["shellfish", /\b(?:shrimp|prawns?|crab|lobster|clams?|mussels?|squid|oyster sauce)\b/],
    ];
    for (const [word, forbidden, allowed] of cases) {
      for (const dish of titles) {
        const answer = await generate({ dish, exclude: [word] });
        const names = answer.recipe.ingredients.map((item) => item.name.toLowerCase());
        const offending = names.filter((name) => forbidden.test(name) && !allowed?.test(name));
        expect(offending, `${dish} without ${word}`).toEqual([]);
      }
    }
  });

  it("keeps to the time limit (prep + cook)", async () => {
    for (const dish of titles) {
      const answer = await generate({ dish, maxMinutes: 20 });
      expect(answer.recipe.prepMinutes + answer.recipe.cookMinutes, dish).toBeLessThanOrEqual(20);
    }
  });

  it("returns the best name match with every violation listed when nothing complies", async () => {
    const answer = await generate({ dish: "pad thai", diets: ["vegan", "keto"], exclude: ["soy"], maxMinutes: 5 });
    expect(answer.recipe.title).toBe("Pad Thai");
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toMatch(/^No recipe in the offline catalogue meets every request; Pad Thai /);
    expect(answer.warnings[0]).toContain("is not vegan");
    expect(answer.warnings[0]).toContain("is not keto");
    expect(answer.warnings[0]).toContain("contains soy");
    expect(answer.warnings[0]).toMatch(/takes \d+ minutes \(more than 5\)/);
  });
});

describe("catalogue generateRecipe: servings", () => {
  it("scales quantities and sets servings, with the one shared scaleRecipe", async () => {
    const original = entries.find((entry) => entry.id === "hummus")!.recipe;
    const answer = await generate({ dish: "hummus", servings: original.servings * 3 });
    expect(answer.recipe.servings).toBe(original.servings * 3);
    expect(answer.recipe.ingredients).not.toEqual(original.ingredients);
    expect(answer.recipe.ingredients).toEqual(scaleRecipe(original, original.servings * 3).ingredients);
  });

  it("rounds every scaled quantity sensibly and never to zero, across the catalogue", () => {
    for (const { id, recipe } of entries) {
      for (const servings of [1, 3, 7, 12]) {
        const scaled = scaleRecipe(recipe, servings);
        scaled.ingredients.forEach((item, i) => {
          const before = recipe.ingredients[i]!;
          if (before.quantity === undefined) return;
          expect(item.quantity!, `${id} ${item.name} ×${servings}`).toBeGreaterThan(0);
          // A unit change (1000 g → 1 kg) is scaleRecipe's own business, tested with it in @sous/schemas.
          if (item.unit !== before.unit) return;
          const exact = (before.quantity * servings) / recipe.servings;
          const tolerance = Math.max(before.unit === "pinch" ? 1 : 0.5, exact * 0.1);
          expect(Math.abs(item.quantity! - exact), `${id} ${item.name} ×${servings}`).toBeLessThanOrEqual(tolerance);
        });
      }
    }
  });
});
