import { ALLERGENS, type Allergen, type Diet, type Recipe } from "@sous/schemas";
import { checkRecipeCompliance } from "@sous/schemas/food";
import { canonicalTokens, EXCLUSION_ALLERGENS, EXCLUSION_FAMILIES } from "./synonyms.js";
import { fold, tokens } from "./text.js";

/**
 * What the cook asked for, checked against the catalogue's own declarations (a recipe's `diets` must list every
 * requested diet, an excluded allergen must not be among its `allergens`, an excluded word must not appear in
 * any ingredient name) and against the one allergen and exclusion table core checks every answer with
 * (@sous/schemas/food: "prawns" and "shrimp paste" carry crustaceans, "bacon" covers pancetta, "dairy" ghee),
 * so the catalogue never picks what the check would then reject.
 */
export interface Constraints {
  diets: readonly Diet[];
  exclude: readonly string[];
  maxMinutes?: number | undefined;
}

export type Violation =
  | { kind: "diet"; diet: Diet }
  | { kind: "allergen"; word: string; allergen: Allergen }
  | { kind: "ingredient"; word: string; ingredient: string }
  | { kind: "time"; minutes: number; maxMinutes: number };

const isAllergen = (word: string): word is Allergen => (ALLERGENS as readonly string[]).includes(word);

/**
 * The shared check, remembered per catalogue recipe and constraint: the filter runs it over the whole
 * catalogue on every request, and the recipes are the same objects each time.
 */
const checked = new WeakMap<Recipe, Map<string, string[]>>();
function sharedCheck(recipe: Recipe, kind: "diet" | "exclude", value: string): string[] {
  let memo = checked.get(recipe);
  if (!memo) checked.set(recipe, (memo = new Map()));
  const key = `${kind}:${value}`;
  let found = memo.get(key);
  if (!found) {
    const constraints = kind === "diet" ? { diets: [value as Diet] } : { exclude: [value] };
    found = checkRecipeCompliance(recipe, constraints).violations;
    if (memo.size < 500) memo.set(key, found);
  }
  return found;
}

export const totalMinutes = (recipe: Recipe) => recipe.prepMinutes + recipe.cookMinutes;

/** Every way a recipe breaks the constraints; empty when it complies. */
export function violations(recipe: Recipe, constraints: Constraints): Violation[] {
  const found: Violation[] = [];
  for (const diet of constraints.diets) {
    if (!recipe.diets.includes(diet) || sharedCheck(recipe, "diet", diet).length > 0) {
      found.push({ kind: "diet", diet });
    }
  }
  for (const word of constraints.exclude) found.push(...exclusionViolations(recipe, word));
  const minutes = totalMinutes(recipe);
  if (constraints.maxMinutes !== undefined && minutes > constraints.maxMinutes) {
    found.push({ kind: "time", minutes, maxMinutes: constraints.maxMinutes });
  }
  return found;
}

function exclusionViolations(recipe: Recipe, word: string): Violation[] {
  const folded = fold(word).replace(/ /g, "-");
  // An allergen's own name ("milk", "tree-nuts") means the allergen; coconut milk is no milk.
  if (isAllergen(folded)) {
    return recipe.allergens.includes(folded) ? [{ kind: "allergen", word, allergen: folded }] : [];
  }
  const found: Violation[] = [];
  const wanted = { plain: tokens(word), canonical: canonicalTokens(word) };
  for (const allergen of EXCLUSION_ALLERGENS[wanted.plain.join(" ")] ?? []) {
    if (recipe.allergens.includes(allergen)) found.push({ kind: "allergen", word, allergen });
  }
  const ingredient = recipe.ingredients.find((item) => mentions(nameWords(item.name), wanted));
  if (ingredient) found.push({ kind: "ingredient", word, ingredient: ingredient.name });
  else {
    const shared = sharedCheck(recipe, "exclude", word);
    const named = recipe.ingredients.find((item) => shared.some((v) => v.includes(`contains ${item.name} (`)));
    if (named) found.push({ kind: "ingredient", word, ingredient: named.name });
    else if (shared.length > 0) found.push({ kind: "ingredient", word, ingredient: word });
  }
  return found;
}

interface Words {
  plain: readonly string[];
  canonical: readonly string[];
}

const nameWords = (name: string): Words => ({ plain: tokens(name), canonical: canonicalTokens(name) });

function mentions(ingredient: Words, wanted: Words): boolean {
  if (wanted.plain.length === 0) return false;
  if (containsRun(ingredient.plain, wanted.plain) || containsRun(ingredient.canonical, wanted.canonical)) return true;
  const family = EXCLUSION_FAMILIES[wanted.plain.join(" ")] ?? [];
  return family.some((member) => ingredient.plain.includes(member) || ingredient.canonical.includes(member));
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((word, offset) => haystack[start + offset] === word)) return true;
  }
  return false;
}

/** Plain-English list of what a recipe breaks: "is not vegan, contains peanuts, takes 45 minutes". */
export function describeViolations(found: readonly Violation[]): string {
  const parts = found.map((violation) => {
    switch (violation.kind) {
      case "diet":
        return `is not ${violation.diet}`;
      case "allergen":
        return violation.allergen === violation.word
          ? `contains ${violation.allergen}`
          : `contains ${violation.allergen} (${violation.word})`;
      case "ingredient":
        return `contains ${violation.ingredient}`;
      case "time":
        return `takes ${violation.minutes} minutes (more than ${violation.maxMinutes})`;
    }
  });
  return [...new Set(parts)].join(", ");
}

/** The request as a phrase around a dish name: "vegan … without peanuts, ready in 30 minutes". */
export function describeRequest(found: readonly Violation[], title: string): string {
  const diets = [...new Set(found.flatMap((v) => (v.kind === "diet" ? [v.diet] : [])))];
  const words = found.flatMap((v) => (v.kind === "allergen" || v.kind === "ingredient" ? [v.word] : []));
  const without = [...new Set(words)];
  const time = found.find((v) => v.kind === "time");
  let phrase = [...diets, title].join(" ");
  if (without.length > 0) phrase += ` without ${without.join(" or ")}`;
  if (time) phrase += `${without.length > 0 ? "," : ""} ready in ${time.maxMinutes} minutes`;
  return phrase;
}
