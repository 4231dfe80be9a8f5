import { parse as parseDuration } from "tinyduration";
import { load } from "cheerio";
import { Recipe, type Diet, type Ingredient } from "@sous/schemas";
import { checkRecipeCompliance, detectAllergens } from "../ai/diet-check.js";
import { clip, parseIngredientLine } from "./ingredient-lines.js";
import { hasType, type SchemaNode } from "./structured-data.js";

export interface MappedRecipe {
  recipe: Recipe;
  warnings: string[];
}

const DIETS: Record<string, Diet> = {
  VeganDiet: "vegan",
  VegetarianDiet: "vegetarian",
  GlutenFreeDiet: "gluten-free",
  HalalDiet: "halal",
  KosherDiet: "kosher",
};

/**
 * A schema.org Recipe (from JSON-LD or microdata) as Sous's Recipe, or undefined when it lacks what a recipe
 * needs (ingredients and steps). What the page did not say is filled with a stated default and a warning;
 * what schema.org has no field for (difficulty, allergens) is derived and said so. Claimed diets the
 * ingredients contradict are dropped, with a warning, as for a generated recipe.
 */
export function mapSchemaRecipe(node: SchemaNode): MappedRecipe | undefined {
  const warnings: string[] = [];
  const lines = strings(node.recipeIngredient ?? node.ingredients);
  const ingredients = lines.map(parseIngredientLine).filter((i): i is Ingredient => i !== undefined);
  const steps = instructions(node.recipeInstructions);
  if (ingredients.length === 0 || steps.length === 0) return undefined;
  if (ingredients.length > 60) warnings.push(`Only the first 60 of ${ingredients.length} ingredients were kept.`);
  if (steps.length > 40) warnings.push(`Only the first 40 of ${steps.length} steps were kept.`);

  const title = clip(text(first(node.name) ?? node.headline) || "Imported recipe", 120);
  const servings = servingsOf(node.recipeYield);
  if (servings === undefined) warnings.push("The page does not say how many it serves: set to 4.");
  const prep = minutesOf(node.prepTime);
  const total = minutesOf(node.totalTime);
  let cook = minutesOf(node.cookTime);
  if (cook === undefined && total !== undefined) cook = Math.max(0, total - (prep ?? 0));
  if (prep === undefined && cook === undefined) warnings.push("The page gives no cooking times: set to 0.");

  const recipe = assemble({
    title,
    summary: clip(text(first(node.description)), 500),
    cuisine: text(first(node.recipeCuisine)),
    servings: servings ?? 4,
    prepMinutes: prep ?? 0,
    cookMinutes: cook ?? 0,
    ingredients: ingredients.slice(0, 60),
    steps: steps.slice(0, 40),
    diets: strings(node.suitableForDiet)
      .map((d) => DIETS[d.replace(/^.*[/:#]/, "")])
      .filter((d): d is Diet => d !== undefined),
    nutrition: nutritionOf(node.nutrition),
    warnings,
  });
  return recipe && { recipe, warnings };
}

/** The fields every import path fills alike: difficulty, allergens, checked diets; then the schema check. */
export function assemble(parts: {
  title: string;
  summary: string;
  cuisine: string | undefined;
  servings: number;
  prepMinutes: number;
  cookMinutes: number;
  ingredients: Ingredient[];
  steps: string[];
  diets: Diet[];
  nutrition?: Recipe["nutrition"] | undefined;
  warnings: string[];
}): Recipe | undefined {
  const { warnings } = parts;
  const minutes = parts.prepMinutes + parts.cookMinutes;
  const difficulty = minutes <= 30 && parts.steps.length <= 6 ? "easy" : minutes > 120 || parts.steps.length > 12 ? "hard" : "medium";
  warnings.push(`Difficulty "${difficulty}" is estimated from the time and number of steps.`);
  const allergens = detectAllergens(parts.ingredients);
  warnings.push("Allergens were found from ingredient names; check them against the original.");
  const base = {
    title: parts.title,
    summary: parts.summary,
    ...(parts.cuisine ? { cuisine: clip(parts.cuisine, 40) } : {}),
    servings: Math.min(48, Math.max(1, parts.servings)),
    prepMinutes: Math.min(1440, parts.prepMinutes),
    cookMinutes: Math.min(2880, parts.cookMinutes),
    difficulty,
    diets: [] as Diet[],
    allergens,
    ingredients: parts.ingredients,
    steps: parts.steps,
    ...(parts.nutrition ? { nutrition: parts.nutrition } : {}),
  } satisfies Recipe;
  base.diets = checkedDiets(base, parts.diets, warnings);
  const valid = Recipe.safeParse(base);
  return valid.success ? valid.data : undefined;
}

/** The claimed diets the ingredients do not contradict; each dropped one is said in `warnings`. */
export function checkedDiets(recipe: Recipe, claimed: Diet[], warnings: string[]): Diet[] {
  const kept: Diet[] = [];
  for (const diet of new Set(claimed)) {
    const check = checkRecipeCompliance(recipe, { diets: [diet] });
    if (check.ok) kept.push(diet);
    else warnings.push(`Said to be ${diet}, but ${check.violations.join("; ")}: left out.`);
  }
  return kept;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Plain text of a string that may carry HTML tags or entities ("Mom&#39;s <b>best</b>"). */
export function text(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") return "";
  const raw = String(value);
  const decoded = /[<&]/.test(raw) ? load(raw, null, false).text() : raw;
  return decoded.replace(/\s+/g, " ").trim();
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === "object" && v !== null ? text((v as SchemaNode)["@id"] ?? (v as SchemaNode).name) : text(v))).filter(Boolean);
}

/** HowToStep, HowToSection (its steps, flattened), ItemList, plain strings, or one text with a step per line. */
function instructions(value: unknown, depth = 0): string[] {
  if (depth > 4 || value === undefined || value === null) return [];
  if (typeof value === "string") {
    return text(value.replace(/<\/(p|li)>|<br\s*\/?>/gi, "\n")) === ""
      ? []
      : value
          .replace(/<\/(p|li)>|<br\s*\/?>/gi, "\n")
          .split(/\n+/)
          .map((line) => text(line).replace(/^\d+[.)]\s+/, ""))
          .filter(Boolean)
          .map((line) => clip(line, 600));
  }
  if (Array.isArray(value)) return value.flatMap((v) => instructions(v, depth + 1));
  if (typeof value !== "object") return [];
  const node = value as SchemaNode;
  if (hasType(node, "HowToSection") || hasType(node, "ItemList") || node.itemListElement !== undefined) {
    return instructions(node.itemListElement, depth + 1);
  }
  return instructions(node.text ?? node.name ?? node.description, depth + 1);
}

/** The first whole number in a yield ("4", 4, "4 servings", "Serves 4-6", ["6", "6 pancakes"]). */
function servingsOf(value: unknown): number | undefined {
  for (const v of Array.isArray(value) ? value : [value]) {
    const match = /\d+/.exec(String(v ?? ""));
    if (match) {
      const n = Number(match[0]);
      if (n >= 1) return Math.min(n, 48);
    }
  }
  return undefined;
}

/** ISO 8601 durations ("PT1H30M", "P0DT0H20M"); a bare number is taken as minutes. */
function minutesOf(value: unknown): number | undefined {
  const raw = first(value);
  if (typeof raw === "number") return Math.round(raw);
  if (typeof raw !== "string" || !raw.trim()) return undefined;
  try {
    const d = parseDuration(raw.trim());
    return Math.round((d.days ?? 0) * 1440 + (d.hours ?? 0) * 60 + (d.minutes ?? 0) + (d.seconds ?? 0) / 60);
  } catch {
    return undefined;
  }
}

function nutritionOf(value: unknown): Recipe["nutrition"] | undefined {
  if (!value || typeof value !== "object") return undefined;
  const n = value as SchemaNode;
  const num = (v: unknown) => {
    const match = /\d+(?:\.\d+)?/.exec(String(first(v) ?? ""));
    return match ? Number(match[0]) : undefined;
  };
  const calories = num(n.calories);
  const proteinG = num(n.proteinContent);
  const carbsG = num(n.carbohydrateContent);
  const fatG = num(n.fatContent);
  if (calories === undefined || proteinG === undefined || carbsG === undefined || fatG === undefined) return undefined;
  // Some pages give the whole dish's figures; past Recipe's per-serving bounds they are left out, not fatal.
  if (calories > 20_000 || Math.max(proteinG, carbsG, fatG) > 2_000) return undefined;
  return { calories, proteinG, carbsG, fatG };
}
