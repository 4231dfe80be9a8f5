import type { Allergen, Recipe } from "@sous/schemas";
import { tokens } from "../src/catalogue/text.js";

/**
 * The data rules of the catalogue (see the catalogue format notes): allergens that obvious ingredient words
 * imply, and diets that must agree with allergens, ingredients and nutrition. Used by catalogue.data.test.ts;
 * each function returns human-readable problems, empty when the recipe is consistent.
 */

const implies = (allergens: Allergen[], ...phrases: string[]) =>
  phrases.map((phrase) => [phrase, allergens] as [string, Allergen[]]);

/** Ingredient phrases (singular, accent-free, lower-case) → allergens they always carry. */
const IMPLIED: Array<[phrase: string, allergens: Allergen[]]> = [
  ...implies(["gluten"], "flour", "bread flour", "self raising flour", "plain flour", "all purpose flour", "pasta"),
  ...implies(["gluten"], "spaghetti", "penne", "macaroni", "fettuccine", "ditalini", "linguine", "tagliatelle"),
  ...implies(["gluten"], "lasagne sheet", "lasagna sheet", "bread", "baguette", "bun", "breadcrumb", "panko"),
  ...implies(["gluten"], "flour tortilla", "pita", "couscous", "bulgur", "beer", "barley", "wheat noodle", "udon"),
  ...implies(["gluten"], "ramen noodle", "filo pastry", "phyllo", "puff pastry", "shortcrust pastry", "cracker"),
  ...implies(["gluten"], "graham cracker", "dumpling wrapper", "wonton wrapper", "english muffin", "croissant"),
  ...implies(["gluten"], "brioche", "malt vinegar", "semolina", "seitan", "rye", "spelt"),
  ...implies(["soy", "gluten"], "soy sauce", "dark soy sauce", "light soy sauce", "kecap manis"),
  ...implies(["soy"], "tofu", "miso", "edamame", "tamari", "soy milk", "tempeh", "fermented black bean"),
  ...implies(["milk"], "butter", "milk", "cream", "cheese", "yogurt", "ghee", "paneer", "parmesan", "pecorino"),
  ...implies(["milk"], "mozzarella", "cheddar", "feta", "ricotta", "mascarpone", "gruyere", "buttermilk"),
  ...implies(["milk"], "sour cream", "creme fraiche", "monterey jack", "queso fresco", "halloumi", "kefalotyri"),
  ...implies(["milk"], "clotted cream", "heavy cream"),
  ...implies(["eggs"], "egg", "egg yolk", "egg white", "mayonnaise"),
  ...implies(["eggs", "gluten"], "egg noodle", "ladyfinger"),
  ...implies(["fish"], "fish", "fish sauce", "fish stock", "anchovy", "worcestershire sauce", "salmon", "tuna", "cod"),
  ...implies(["fish"], "sea bass", "haddock", "mackerel", "sardine", "trout", "katsuobushi", "bonito", "tilapia"),
  ...implies(["fish"], "halibut"),
  ...implies(["crustaceans"], "shrimp", "prawn", "crab", "lobster", "crayfish", "langoustine", "shrimp paste"),
  ...implies(["molluscs"], "clam", "mussel", "squid", "octopus", "oyster", "oyster sauce", "scallop", "calamari"),
  ...implies(["peanuts"], "peanut", "peanut butter", "peanut oil"),
  ...implies(["tree-nuts"], "almond", "cashew", "walnut", "pecan", "pistachio", "hazelnut", "macadamia", "pine nut"),
  ...implies(["tree-nuts"], "pesto"),
  ...implies(["celery"], "celery", "celeriac", "celery salt"),
  ...implies(["mustard"], "mustard", "dijon mustard", "mustard powder", "mustard seed"),
  ...implies(["sesame"], "sesame", "sesame oil", "sesame seed", "tahini", "sesame paste"),
  ...implies(["sulphites"], "wine", "wine vinegar", "sherry", "sherry vinegar", "balsamic vinegar", "dried apricot"),
];

/** Words that make an implied allergen not apply: "coconut milk" has no milk, "peanut butter" no butterfat. */
const EXEMPT: Record<string, string[]> = {
  milk: ["coconut", "almond", "oat", "soy", "rice", "plant", "vegan"],
  cream: ["coconut", "tartar", "vegan"],
  butter: ["peanut", "almond", "cashew", "nut", "cocoa", "vegan", "apple"],
  cheese: ["vegan"],
  yogurt: ["coconut", "soy", "vegan"],
  flour: ["rice", "almond", "gram", "chickpea", "corn", "potato", "tapioca", "coconut", "buckwheat", "gluten"],
  pasta: ["gluten", "rice", "chickpea", "lentil"],
  bread: ["gluten"],
  spaghetti: ["gluten", "zucchini", "squash"],
};

const phraseWords = new Map(IMPLIED.map(([phrase]) => [phrase, tokens(phrase)]));

/** Whether an ingredient name contains a phrase as whole words ("fish sauce" contains "fish"). */
function mentions(words: readonly string[], phrase: string): boolean {
  const wanted = phraseWords.get(phrase)!;
  for (let start = 0; start + wanted.length <= words.length; start++) {
    if (wanted.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

export function missingAllergens(recipe: Recipe): string[] {
  const problems: string[] = [];
  for (const item of recipe.ingredients) {
    const words = tokens(item.name);
    for (const [phrase, allergens] of IMPLIED) {
      if (!mentions(words, phrase)) continue;
      const wanted = phraseWords.get(phrase)!;
      const head = wanted.at(-1)!;
      if ((EXEMPT[head] ?? []).some((word) => words.includes(word) && !wanted.includes(word))) continue;
      for (const allergen of allergens) {
        if (!recipe.allergens.includes(allergen)) problems.push(`"${item.name}" implies ${allergen}`);
      }
    }
  }
  return [...new Set(problems)];
}

const MEAT = ["beef", "pork", "lamb", "veal", "chicken", "turkey", "duck", "bacon", "ham", "pancetta", "prosciutto"]
  .concat(["guanciale", "chorizo", "sausage", "salami", "lard", "gelatin", "steak", "mutton", "goat", "venison"])
  .concat(["meat", "brisket", "sirloin", "ribeye", "chuck", "andouille", "mince", "bone"]);
const ALCOHOL = ["wine", "beer", "sake", "mirin", "rum", "brandy", "vodka", "whisky", "whiskey", "sherry", "cognac"]
  .concat(["bourbon", "tequila", "liqueur", "marsala", "vermouth"]);
const VEGETABLE_MEAT_WORDS = ["vegetable", "plant", "vegan", "vegetarian", "mushroom", "meatless"];

const hasWord = (recipe: Recipe, vocabulary: readonly string[], except: readonly string[] = []) =>
  recipe.ingredients
    .map((item) => tokens(item.name))
    .find((words) => words.some((w) => vocabulary.includes(w)) && !words.some((w) => except.includes(w)));

export function dietProblems(recipe: Recipe): string[] {
  const problems: string[] = [];
  const has = (diet: Recipe["diets"][number]) => recipe.diets.includes(diet);
  const allergen = (name: Allergen) => recipe.allergens.includes(name);
  const carbs = recipe.nutrition?.carbsG;
  const meat = hasWord(recipe, MEAT, VEGETABLE_MEAT_WORDS);
  const seafood = allergen("fish") || allergen("crustaceans") || allergen("molluscs");
  if (has("vegan") && !has("vegetarian")) problems.push("vegan but not vegetarian");
  if (has("vegetarian") && !has("pescatarian")) problems.push("vegetarian but not pescatarian");
  if (has("keto") && !has("low-carb")) problems.push("keto but not low-carb");
  if (has("keto") && (carbs === undefined || carbs > 10)) problems.push(`keto with ${carbs} g carbs`);
  if (has("low-carb") && (carbs === undefined || carbs > 25)) problems.push(`low-carb with ${carbs} g carbs`);
  if (has("gluten-free") && allergen("gluten")) problems.push("gluten-free but declares gluten");
  if (has("dairy-free") && allergen("milk")) problems.push("dairy-free but declares milk");
  if (has("nut-free") && (allergen("peanuts") || allergen("tree-nuts"))) problems.push("nut-free but declares nuts");
  if ((has("vegetarian") || has("pescatarian")) && meat) problems.push(`meatless diet with "${meat.join(" ")}"`);
  if (has("vegetarian") && seafood) problems.push("vegetarian with fish or seafood");
  if (has("vegan") && (allergen("eggs") || allergen("milk") || hasWord(recipe, ["honey"]))) {
    problems.push("vegan with eggs, milk or honey");
  }
  for (const diet of ["halal", "kosher"] as const) {
    if (!has(diet)) continue;
    if (meat) problems.push(`${diet} with "${meat.join(" ")}"`);
    const alcohol = hasWord(recipe, ALCOHOL, ["vinegar"]);
    if (alcohol) problems.push(`${diet} with "${alcohol.join(" ")}"`);
  }
  if (has("kosher") && (allergen("crustaceans") || allergen("molluscs"))) problems.push("kosher with shellfish");
  if (has("kosher") && allergen("fish") && allergen("milk")) problems.push("kosher mixing fish and milk");
  return problems;
}
