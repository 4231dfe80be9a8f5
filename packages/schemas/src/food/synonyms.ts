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
