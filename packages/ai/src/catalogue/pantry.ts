import type { Recipe } from "@sous/schemas";
import { canonicalTokens, isStaple, MODIFIERS, PANTRY_FAMILIES } from "./synonyms.js";

/**
 * Matching what a cook has against what a recipe needs. Both sides go through the synonym table, the
 * singulariser and case folding; pantry staples are always there; an ingredient marked optional is never
 * required.
 */

export interface PantryItem {
  /** As the cook wrote it: what `uses` reports. */
  original: string;
  words: readonly string[];
  staple: boolean;
}

export interface PantryMatch {
  uses: string[];
  missing: string[];
  /** Share of the recipe's required (non-staple, non-optional) ingredients the cook has, 0..1. */
  coverage: number;
  /**
   * 0..1, what suggestions are ranked by: coverage^0.6 × (share of the cook's non-staple items used)^0.4, a
   * weighted geometric mean. Coverage leads, but with "eggs, spinach" a dish using both can beat one using
   * eggs alone. 1 only when the cook has everything and the recipe uses everything the cook listed.
   */
  score: number;
}

/**
 * What cooks call things in a pantry list, read as the ingredient they mean: "peppers" in a list of things
 * bought is bell peppers (the spice is "black pepper" or "pepper"), "spuds" are potatoes.
 */
const PANTRY_WORDS: Record<string, string> = {
  peppers: "bell pepper", "sweet peppers": "bell pepper", "red peppers": "bell pepper", "green peppers": "bell pepper",
  spuds: "potato", spud: "potato", taters: "potato", tatties: "potato", "new potatoes": "potato",
  shrooms: "mushroom", cukes: "cucumber", avo: "avocado", avos: "avocado", broc: "broccoli", cauli: "cauliflower",
  parm: "parmesan", evoo: "olive oil", chix: "chicken", spag: "spaghetti", "stock cubes": "stock",
  "stock cube": "stock", bouillon: "stock", toms: "tomato", "tinned tomatoes": "canned tomato", mince: "ground beef",
  "bell peppers": "bell pepper", capsicums: "bell pepper", "spring onions": "scallion", garbanzos: "chickpea",
};

/** A pantry entry as the ingredient it means (PANTRY_WORDS), else as written. */
export function pantryName(item: string): string {
  return PANTRY_WORDS[item.trim().toLowerCase().replace(/\s+/g, " ")] ?? item;
}

export const toPantry = (items: readonly string[]): PantryItem[] =>
  items
    .map((original) => {
      const name = pantryName(original);
      return { original, words: canonicalTokens(name), staple: isStaple(name) };
    })
    .filter((item) => item.words.length > 0);

/**
 * Whether two ingredient names are the same food, one possibly more specific: "chicken" ~ "chicken thigh",
 * "tomato" ~ "cherry tomato", "canned tomato" ~ "chopped tomato", "lemon" ~ "lemon juice", but not "rice" ~
 * "rice noodle" or "chicken" ~ "chicken stock". Modifier words (cuts, states, sizes) are set aside first; then
 * the shorter name's words must all be in the longer one, and the longer one must end with one of them (the
 * same head noun).
 */
export function sameFood(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [essential(a), essential(b)];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length === 0) return false;
  if (!short.every((word) => long.includes(word))) return familyMatch(x, y);
  return short.includes(long[long.length - 1]!);
}

/** The words of a name that say what the food is; all of them when every word is a modifier ("white"). */
function essential(words: readonly string[]): readonly string[] {
  const kept = words.filter((word) => !MODIFIERS.has(word));
  return kept.length > 0 ? kept : words;
}

function familyMatch(a: readonly string[], b: readonly string[]): boolean {
  const one = (x: readonly string[], y: readonly string[]) =>
    x.length === 1 && (PANTRY_FAMILIES[x[0]!] ?? []).some((member) => y.includes(member));
  return one(a, b) || one(b, a);
}

const isOptional = (note: string | undefined) => note !== undefined && /\boptional\b/i.test(note);

export function matchPantry(recipe: Recipe, pantry: readonly PantryItem[]): PantryMatch {
  const used = new Set<PantryItem>();
  const missing: string[] = [];
  let required = 0;
  let covered = 0;
  for (const ingredient of recipe.ingredients) {
    const words = canonicalTokens(ingredient.name);
    const staple = isStaple(ingredient.name);
    // A cook's staple ("pepper", "oil", "sugar") stands for the staple only, never for bell pepper, sesame oil
    // or brown sugar.
    const have = pantry.filter((item) => sameFood(item.words, words) && (staple || !item.staple));
    for (const item of have) used.add(item);
    if (staple || isOptional(ingredient.note)) continue;
    required += 1;
    if (have.length > 0) covered += 1;
    else if (!missing.includes(ingredient.name)) missing.push(ingredient.name);
  }
  const offered = pantry.filter((item) => !item.staple);
  const usedOffered = offered.filter((item) => used.has(item)).length;
  const coverage = required === 0 ? 0 : covered / required;
  const usedShare = offered.length === 0 ? 0 : usedOffered / offered.length;
  return {
    uses: pantry.filter((item) => used.has(item)).map((item) => item.original),
    missing,
    coverage,
    score: coverage ** 0.6 * usedShare ** 0.4,
  };
}
