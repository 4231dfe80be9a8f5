import type { Allergen } from "@sous/schemas";
import { tokens } from "./text.js";

/**
 * The catalogue's food vocabulary: one canonical name per ingredient whatever the cook calls it. Canonical
 * names with an underscore are single tokens on purpose: "coconut milk" is not a kind of milk, "sweet potato"
 * not a kind of potato, so neither may be matched by the plain word. A canonical name's own words
 * ("ground beef" for ground_beef) are always one of its spellings.
 */
const SYNONYMS: Record<string, string[]> = {
  scallion: ["green onion", "spring onion", "salad onion"],
  zucchini: ["courgette"],
  eggplant: ["aubergine", "brinjal"],
  cilantro: ["coriander", "fresh coriander", "coriander leaf", "chinese parsley"],
  // The spice: listed so that its longer names win over plain "coriander".
  coriander_seed: ["ground coriander", "coriander seed", "coriander powder"],
  shrimp: ["prawn", "king prawn", "tiger prawn"],
  chickpea: ["garbanzo", "garbanzo bean", "chick pea"],
  "bell pepper": ["capsicum", "sweet pepper", "red pepper", "green pepper", "yellow pepper"],
  // Minced meat is its own thing to a cook: "beef mince" is not what "beef chuck" asks for.
  ground_beef: ["minced beef", "beef mince", "mince", "hamburger meat"],
  ground_pork: ["minced pork", "pork mince"],
  ground_lamb: ["minced lamb", "lamb mince"],
  ground_turkey: ["minced turkey", "turkey mince"],
  ground_chicken: ["minced chicken", "chicken mince"],
  arugula: ["rocket"],
  beet: ["beetroot"],
  rutabaga: ["swede"],
  "snow pea": ["mangetout"],
  cornstarch: ["cornflour", "corn starch"],
  flour: ["plain flour", "all purpose flour", "ap flour", "wheat flour"],
  self_raising_flour: ["self raising flour", "self rising flour"],
  "powdered sugar": ["icing sugar", "confectioners sugar", "confectioner sugar"],
  "caster sugar": ["superfine sugar"],
  "heavy cream": ["double cream", "whipping cream", "heavy whipping cream"],
  "light cream": ["single cream"],
  "baking soda": ["bicarbonate of soda", "bicarb", "bicarb soda", "sodium bicarbonate"],
  chili: ["chilli", "chile", "chilli pepper", "chili pepper", "hot pepper"],
  chili_flake: ["red pepper flake", "crushed red pepper", "chilli flake", "chile flake"],
  "fava bean": ["broad bean"],
  "navy bean": ["haricot bean"],
  tomato_paste: ["tomato puree", "tomato concentrate"],
  stock: ["broth"],
  "chicken stock": ["chicken broth"],
  "beef stock": ["beef broth"],
  "vegetable stock": ["vegetable broth", "veggie stock"],
  "soy sauce": ["soya sauce", "shoyu"],
  "fish sauce": ["nam pla", "nuoc mam"],
  bacon: ["streaky bacon", "bacon rasher", "rasher"],
  sweet_potato: ["sweet potato", "kumara"],
  coconut_milk: ["coconut milk"],
  coconut_cream: ["coconut cream"],
  peanut_butter: ["peanut butter"],
  almond_milk: ["almond milk"],
  oat_milk: ["oat milk"],
  soy_milk: ["soy milk", "soya milk"],
  cream_cheese: ["cream cheese"],
  sour_cream: ["sour cream", "soured cream"],
  ice_cream: ["ice cream"],
  rice_flour: ["rice flour"],
  almond_flour: ["almond flour", "ground almond"],
  gram_flour: ["gram flour", "chickpea flour", "besan"],
  cream_of_tartar: ["cream of tartar"],
  garlic: ["garlic clove", "clove of garlic"],
  yogurt: ["yoghurt", "yogourt"],
  "greek yogurt": ["greek yoghurt"],
  parmesan: ["parmigiano reggiano", "parmigiano", "parmesan cheese"],
  pecorino: ["pecorino romano"],
  "green bean": ["string bean", "french bean"],
};

/** [variant tokens joined by spaces, canonical], longest variant first so "red pepper flake" wins. */
const REWRITES: Array<[string, string]> = Object.entries(SYNONYMS)
  .flatMap(([canonical, variants]) =>
    [canonical.replaceAll("_", " "), ...variants].map(
      (variant) => [tokens(variant).join(" "), canonical] as [string, string],
    ),
  )
  .filter(([variant, canonical]) => variant !== canonical)
  .sort((a, b) => b[0].split(" ").length - a[0].split(" ").length || b[0].length - a[0].length);

// The catalogue's few hundred ingredient names are canonicalised on every query: remember them (bounded,
// since cooks' own words pass through here too).
const canonicalMemo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 5000;

/** Canonical tokens of an ingredient phrase: synonyms replaced, compound products kept as one token. */
export function canonicalTokens(phrase: string): readonly string[] {
  const known = canonicalMemo.get(phrase);
  if (known) return known;
  let text = ` ${tokens(phrase).join(" ")} `;
  for (const [variant, canonical] of REWRITES) {
    if (text.includes(` ${variant} `)) text = text.replaceAll(` ${variant} `, ` ${canonical} `);
  }
  const result = text.trim() === "" ? [] : text.trim().split(" ");
  if (canonicalMemo.size >= MEMO_LIMIT) canonicalMemo.clear();
  canonicalMemo.set(phrase, result);
  return result;
}

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
