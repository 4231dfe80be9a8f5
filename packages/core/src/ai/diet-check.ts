/**
 * The deterministic diet and allergen check run on every generated recipe: ingredient names and declared
 * allergens against the requested diets and exclusions. It cannot prove a recipe safe; it catches what a model
 * (or a catalogue entry) gets visibly wrong, so the service can regenerate once and otherwise warn.
 */
import { ALLERGENS, type Allergen, type Diet, type Recipe } from "@sous/schemas";
import {
  ALLERGEN_TABLES,
  CARB_LIMITS,
  DIET_FORBIDDEN_ALLERGENS,
  DIET_TABLES,
  TABLES,
  type TableName,
} from "./diet.keywords.js";
import { EXCLUSION_ALIASES, KINDS_OF, SYNONYM_GROUPS } from "./exclusion.synonyms.js";
import { compileTable, normalizeName, type CompiledTable } from "./keyword-match.js";

export interface ComplianceConstraints {
  diets?: Diet[] | undefined;
  exclude?: string[] | undefined;
}

export interface ComplianceResult {
  ok: boolean;
  /** Readable, e.g. "not vegan: contains butter (milk)", "contains cashews (tree nuts)". */
  violations: string[];
}

const compiled = Object.fromEntries(
  Object.entries(TABLES).map(([name, table]) => [name, compileTable(table)]),
) as Record<TableName, CompiledTable>;

export function checkRecipeCompliance(recipe: Recipe, constraints: ComplianceConstraints): ComplianceResult {
  const violations = new Set<string>();
  for (const diet of new Set(constraints.diets ?? [])) {
    for (const violation of dietViolations(recipe, diet)) violations.add(`not ${diet}: ${violation}`);
  }
  for (const word of constraints.exclude ?? []) {
    for (const violation of exclusionViolations(recipe, word)) violations.add(violation);
  }
  return { ok: violations.size === 0, violations: [...violations] };
}

/** Each ingredient found in any of the tables, once, with the label of the first table that found it. */
function ingredientsIn(recipe: Recipe, tables: TableName[]): { name: string; label: string; table: TableName }[] {
  const found = [];
  for (const { name } of recipe.ingredients) {
    const table = tables.find((candidate) => compiled[candidate].find(name) !== undefined);
    if (table) found.push({ name, label: compiled[table].label, table });
  }
  return found;
}

function dietViolations(recipe: Recipe, diet: Diet): string[] {
  if (diet === "keto" || diet === "low-carb") return carbViolations(recipe, diet);
  const tables = DIET_TABLES[diet];
  const found = ingredientsIn(recipe, tables);
  const violations = found.map(({ name, label }) => `contains ${name} (${label})`);
  // A declared allergen counts even when no ingredient name gave it away.
  for (const allergen of DIET_FORBIDDEN_ALLERGENS[diet] ?? []) {
    const shown = found.some(({ table }) => ALLERGEN_TABLES[allergen].includes(table));
    if (recipe.allergens.includes(allergen) && !shown) violations.push(`declares ${allergen}`);
  }
  if (diet === "kosher") {
    const meat = ingredientsIn(recipe, ["meat", "poultry"])[0];
    const dairy = ingredientsIn(recipe, ["milk"])[0];
    if (meat && dairy) violations.push(`mixes meat (${meat.name}) with dairy (${dairy.name})`);
  }
  return violations;
}

function carbViolations(recipe: Recipe, diet: "keto" | "low-carb"): string[] {
  const limit = CARB_LIMITS[diet];
  if (recipe.nutrition) {
    const carbs = recipe.nutrition.carbsG;
    return carbs > limit ? [`${carbs} g carbohydrate per serving (at most ${limit} g)`] : [];
  }
  // Without nutrition facts, judge by the starchy and sugary staples it uses.
  return ingredientsIn(recipe, ["highCarb"]).map(({ name, label }) => `contains ${name} (${label})`);
}

function exclusionViolations(recipe: Recipe, exclusion: string): string[] {
  const word = normalizeName(exclusion);
  const allergen = ALLERGENS.find((name) => normalizeName(name) === word);
  const alias = EXCLUSION_ALIASES[word];
  const allergens: Allergen[] = allergen ? [allergen] : (alias?.allergens ?? []);
  const tables = [...allergens.flatMap((name) => ALLERGEN_TABLES[name]), ...(alias?.tables ?? [])];

  if (tables.length > 0) {
    const violations = ingredientsIn(recipe, tables).map(({ name, label }) => `contains ${name} (${label})`);
    for (const name of allergens) {
      if (recipe.allergens.includes(name)) violations.push(`declares ${name}`);
    }
    return violations;
  }
  const names = namesFor(word);
  return recipe.ingredients
    .filter(({ name }) => names.some((candidate) => containsPhrase(normalizeName(name), candidate)))
    .map(({ name }) => `contains ${name} (excluded: ${exclusion.trim()})`);
}

/** The excluded word, its synonyms and the kinds it covers, each as singular words. */
function namesFor(word: string): string[] {
  const singular = singularPhrase(word);
  const names = new Set([singular]);
  for (const group of SYNONYM_GROUPS) {
    if (group.some((name) => singularPhrase(name) === singular)) group.forEach((name) => names.add(singularPhrase(name)));
  }
  for (const name of [...names]) (KINDS_OF[name] ?? []).forEach((kind) => names.add(singularPhrase(kind)));
  return [...names];
}

function containsPhrase(name: string, phrase: string): boolean {
  return ` ${singularPhrase(name)} `.includes(` ${phrase} `);
}

function singularPhrase(text: string): string {
  return normalizeName(text).split(" ").map(singular).join(" ");
}

/** English plurals as ingredient lists use them: berries → berry, tomatoes → tomato, peaches → peach, eggs → egg. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:oes|ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The EU allergens an ingredient list visibly contains, by the same keyword tables: for recipes that never
 * declared theirs (imported pages).
 */
export function detectAllergens(ingredients: Recipe["ingredients"]): Allergen[] {
  return ALLERGENS.filter((allergen) =>
    ingredients.some(({ name }) => ALLERGEN_TABLES[allergen].some((table) => compiled[table].find(name) !== undefined)),
  );
}
