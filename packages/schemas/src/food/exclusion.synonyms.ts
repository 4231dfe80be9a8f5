/**
 * How an exclusion is widened before ingredient names are checked. An allergen name, or a common way of saying
 * one ("dairy", "shellfish", "nuts"), stands for that allergen's keyword table; any other word also matches its
 * synonyms ("cilantro" ↔ "coriander") and the kinds it covers ("mushroom" → "shiitake").
 */
import type { Allergen } from "../enums.js";
import type { TableName } from "./diet.keywords.js";

/** Exclusion words (normalised) that name an allergen or a group of them, beyond the EU allergen names. */
export const EXCLUSION_ALIASES: Record<string, { allergens: Allergen[]; tables?: TableName[] }> = {
  dairy: { allergens: ["milk"] },
  lactose: { allergens: ["milk"] },
  egg: { allergens: ["eggs"] },
  peanut: { allergens: ["peanuts"] },
  nut: { allergens: ["peanuts", "tree-nuts"] },
  nuts: { allergens: ["peanuts", "tree-nuts"] },
  "tree nut": { allergens: ["tree-nuts"] },
  "tree nuts": { allergens: ["tree-nuts"] },
  seafood: { allergens: ["fish", "crustaceans", "molluscs"] },
  mollusks: { allergens: ["molluscs"] },
  wheat: { allergens: ["gluten"] },
  soya: { allergens: ["soy"] },
  sulfites: { allergens: ["sulphites"] },
  sulfite: { allergens: ["sulphites"] },
  sulphite: { allergens: ["sulphites"] },
  meat: { allergens: [], tables: ["meat", "pork", "poultry"] },
  pork: { allergens: [], tables: ["pork"] },
  poultry: { allergens: [], tables: ["poultry"] },
  alcohol: { allergens: [], tables: ["alcohol"] },
  gelatin: { allergens: [], tables: ["gelatinAndBlood"] },
  gelatine: { allergens: [], tables: ["gelatinAndBlood"] },
  "red meat": { allergens: [], tables: ["meat", "pork"] },
  "animal products": { allergens: [], tables: ["meat", "pork", "poultry", "fish", "crustaceans", "molluscs", "milk", "eggs", "honey", "animalDerived"] },
  shellfish: { allergens: ["crustaceans", "molluscs"] },
  crustacean: { allergens: ["crustaceans"] },
  mollusc: { allergens: ["molluscs"] },
  mollusk: { allergens: ["molluscs"] },
};

/** Names that mean the same ingredient; each matches all the others. */
export const SYNONYM_GROUPS: string[][] = [
  ["cilantro", "coriander"],
  ["scallion", "green onion", "spring onion"],
  ["zucchini", "courgette"],
  ["eggplant", "aubergine"],
  ["shrimp", "prawn"],
  ["bell pepper", "capsicum", "sweet pepper"],
  ["chickpea", "garbanzo"],
  ["arugula", "rocket"],
  ["chili", "chilli", "chile"],
  ["cornstarch", "cornflour", "corn starch"],
  ["powdered sugar", "icing sugar", "confectioners sugar"],
  ["beet", "beetroot"],
  ["rutabaga", "swede"],
  ["snow pea", "mangetout"],
  ["fava bean", "broad bean"],
  ["ground beef", "beef mince", "minced beef"],
  ["heavy cream", "double cream", "whipping cream"],
  ["green bean", "string bean", "french bean"],
  ["bok choy", "pak choi"],
  ["napa cabbage", "chinese cabbage"],
  ["papaya", "pawpaw"],
  ["molasses", "treacle"],
];

/** An exclusion word and the more specific names it covers. */
export const KINDS_OF: Record<string, string[]> = {
  shrimp: ["krill", "shrimp paste", "dried shrimp", "belacan", "bagoong"],
  anchovy: ["worcestershire", "caesar dressing", "fish sauce", "nam pla", "colatura"],
  bacon: ["pancetta", "guanciale", "lardon", "streaky bacon", "speck", "back bacon"],
  ham: ["prosciutto", "jamon", "serrano ham", "parma ham", "speck", "gammon"],
  beef: ["steak", "ground beef", "minced beef", "beef mince", "brisket", "sirloin", "ribeye", "oxtail", "corned beef", "pastrami", "bresaola", "hamburger meat"],
  lamb: ["mutton", "lamb mince", "ground lamb"],
  chicken: ["poussin", "chicken mince", "ground chicken"],
  garlic: ["aioli", "toum", "garlic powder"],
  tomato: ["passata", "tomato paste", "tomato puree", "ketchup", "marinara"],
  sugar: ["caster sugar", "brown sugar", "icing sugar", "powdered sugar", "demerara", "muscovado"],
  mushroom: ["shiitake", "porcini", "chanterelle", "portobello", "portabella", "cremini", "enoki", "morel", "champignon"],
  onion: ["shallot", "scallion", "green onion", "spring onion", "leek"],
  cheese: ["cheddar", "mozzarella", "parmesan", "feta", "ricotta", "mascarpone", "gruyere", "brie", "halloumi", "paneer"],
  chili: ["jalapeno", "habanero", "serrano", "scotch bonnet", "birds eye", "cayenne", "chipotle"],
  berry: ["strawberry", "raspberry", "blueberry", "blackberry", "cranberry"],
  citrus: ["lemon", "lime", "orange", "grapefruit", "yuzu"],
};
