import type { Allergen } from "@sous/schemas";
import { tokens } from "./text.js";

export { canonicalTokens } from "@sous/schemas/food";

/**
 * Words that make an ingredient more specific without changing what it is: a cook with "chicken" has what
 * "chicken thigh" needs, one with "lemons" has "lemon juice", one with "eggs" has "egg yolk".
 */
export const MODIFIERS = new Set([
  ...["thigh", "breast", "drumstick", "wing", "leg", "fillet", "loin", "tenderloin", "shoulder", "chop"],
  ...["juice", "zest", "yolk", "white", "clove", "leaf", "sprig", "stalk", "floret", "bulb", "head"],
  ...["fresh", "dried", "frozen", "canned", "tinned", "large", "small", "medium", "ripe", "whole", "raw"],
  ...["boneless", "skinless", "chopped", "diced", "sliced", "grated", "shredded", "cooked", "leftover"],
  ...["unsalted", "salted", "free", "range", "organic", "baby", "cheese", "extra", "virgin", "firm", "silken"],
  ...["chuck", "sirloin", "brisket", "ribeye", "rump", "shank", "belly", "escalope", "cutlet", "peeled"],
]);

// Pantry staples count as always available: never missing, never needed for a match.
const STAPLE_NAMES = [
  ...["salt", "sea salt", "kosher salt", "flaky salt", "table salt", "black pepper", "pepper"],
  ...["oil", "olive oil", "vegetable oil", "neutral oil", "sunflower oil", "canola oil", "rapeseed oil"],
  ...["cooking oil", "water", "sugar", "white sugar", "granulated sugar", "ice", "black peppercorn"],
];
// Adjectives dropped before the staple check: "freshly ground black pepper" is still black pepper.
const STAPLE_NOISE = new Set([
  ...["ground", "freshly", "cracked", "fine", "coarse", "extra", "virgin", "light", "cold", "warm", "hot"],
  ...["boiling", "lukewarm", "iced", "tap", "filtered", "flake", "whole"],
]);
const STAPLES = new Set(STAPLE_NAMES.map((name) => tokens(name).join(" ")));

export function isStaple(ingredientName: string): boolean {
  const core = tokens(ingredientName).filter((word) => !STAPLE_NOISE.has(word));
  return core.length > 0 && STAPLES.has(core.join(" "));
}

/**
 * Exclusion words that mean allergens ("dairy" → milk, "nuts" → peanuts and tree nuts), checked besides the
 * words themselves against ingredient names.
 */
export const EXCLUSION_ALLERGENS: Record<string, Allergen[]> = {
  dairy: ["milk"],
  lactose: ["milk"],
  nut: ["peanuts", "tree-nuts"],
  "tree nut": ["tree-nuts"],
  peanut: ["peanuts"],
  shellfish: ["crustaceans", "molluscs"],
  seafood: ["fish", "crustaceans", "molluscs"],
  wheat: ["gluten"],
  soya: ["soy"],
  egg: ["eggs"],
  sulfite: ["sulphites"],
  sulphite: ["sulphites"],
  mollusk: ["molluscs"],
  mollusc: ["molluscs"],
  crustacean: ["crustaceans"],
};

/** A cook's generic word that covers any of these, and each of these that covers the generic word. */
export const PANTRY_FAMILIES: Record<string, string[]> = {
  cheese: [
    ...["cheddar", "mozzarella", "parmesan", "pecorino", "gruyere", "feta", "monterey", "american", "emmental"],
    ...["halloumi", "ricotta", "queso", "kefalotyri", "swiss", "provolone", "manchego", "colby", "blue", "goat"],
  ],
  pasta: [
    ...["spaghetti", "penne", "linguine", "fettuccine", "tagliatelle", "rigatoni", "macaroni", "fusilli"],
    ...["farfalle", "orzo", "lasagna", "lasagne", "pappardelle", "orecchiette", "bucatini", "conchiglie"],
  ],
};

/** Exclusion words that stand for a family of ingredients ("pork" also rules out bacon and ham). */
export const EXCLUSION_FAMILIES: Record<string, string[]> = {
  pork: ["bacon", "ham", "pancetta", "prosciutto", "guanciale", "chorizo", "lard", "sausage", "salami"],
  meat: [
    ...["beef", "pork", "lamb", "veal", "mutton", "goat", "chicken", "turkey", "duck", "bacon", "ham"],
    ...["pancetta", "prosciutto", "guanciale", "chorizo", "sausage", "salami", "lard", "steak", "venison"],
  ],
  poultry: ["chicken", "turkey", "duck", "goose"],
  alcohol: ["wine", "beer", "sake", "mirin", "rum", "brandy", "vodka", "whisky", "whiskey", "sherry", "cognac"],
  fish: ["salmon", "tuna", "cod", "anchovy", "sardine", "mackerel", "haddock", "tilapia", "trout", "halibut"],
};
