import type { Ingredient, Recipe } from "./recipe.js";

/**
 * Scales a saved recipe to another number of servings the way a cook would write it down: quantities are
 * multiplied, moved to the unit that reads best within the same system (1000 g → 1 kg, 3 tsp → 1 tbsp,
 * 16 tbsp → 1 cup, and back down) and rounded to what a kitchen measures (quarter and third cups, half
 * spoons, whole grams above 10 g, halves of small counted things). Nutrition is per serving and times do not
 * scale, so both stay as they are.
 */
export function scaleRecipe(recipe: Recipe, servings: number): Recipe {
  if (servings === recipe.servings) return recipe;
  const factor = servings / recipe.servings;
  return { ...recipe, servings, ingredients: recipe.ingredients.map((item) => scaleIngredient(item, factor)) };
}

export function scaleIngredient(item: Ingredient, factor: number): Ingredient {
  if (item.quantity === undefined) return item;
  const amount = item.quantity * factor;
  const measure = item.unit === undefined ? undefined : MEASURES.get(normalize(item.unit));
  if (!measure) return { ...item, quantity: roundCounted(amount, item.unit) };

  const inBase = amount * measure.size;
  const units = FAMILIES[measure.family];
  const chosen = units.find((u) => fits(u, inBase)) ?? units.at(-1)!;
  const quantity = round(inBase / chosen.size, chosen);
  // Keep the cook's own spelling ("tablespoons", "Tbsp") when the unit did not change; cups count.
  const spelling = chosen.name === measure.name && chosen.name !== "cup" ? item.unit : chosen.name;
  return { ...item, quantity, unit: spelling === "cup" && quantity > 1 ? "cups" : spelling };
}

export type Family = "mass" | "volume" | "spoons" | "ounces";

interface Unit {
  name: string;
  /** In the family's base unit: grams, millilitres, teaspoons or ounces. */
  size: number;
  /** Smallest amount written in this unit; below it the next smaller unit reads better. */
  min: number;
  /** Roundings of the fractional part, for amounts below `wholeFrom`. */
  fractions: number[];
  /** From here on, amounts round to whole numbers (or to `coarseStep`). */
  wholeFrom: number;
  coarseStep?: { from: number; step: number };
}

const halves = [0, 0.5];
const quarters = [0, 0.25, 0.5, 0.75];
const cupFractions = [0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75];
const twentieths = Array.from({ length: 20 }, (_, i) => i / 20);

/** Larger units first; the smallest (min 0) takes whatever the others do not. */
const FAMILIES: Record<Family, Unit[]> = {
  mass: [
    { name: "kg", size: 1000, min: 1, fractions: twentieths, wholeFrom: 10 },
    { name: "g", size: 1, min: 0, fractions: halves, wholeFrom: 10, coarseStep: { from: 100, step: 5 } },
  ],
  volume: [
    { name: "l", size: 1000, min: 1, fractions: twentieths, wholeFrom: 10 },
    { name: "ml", size: 1, min: 0, fractions: halves, wholeFrom: 10, coarseStep: { from: 100, step: 5 } },
  ],
  spoons: [
    { name: "cup", size: 48, min: 0.25, fractions: cupFractions, wholeFrom: 10 },
    { name: "tbsp", size: 3, min: 1, fractions: halves, wholeFrom: 10 },
    { name: "tsp", size: 1, min: 0, fractions: [0, 0.125, 0.25, 0.5, 0.75], wholeFrom: 10 },
  ],
  ounces: [
    { name: "lb", size: 16, min: 1, fractions: quarters, wholeFrom: 10 },
    { name: "oz", size: 1, min: 0, fractions: quarters, wholeFrom: 10 },
  ],
};

/** Spellings Sous recognises, lowercased: family, canonical name, size in the family's base unit. */
const MEASURES = new Map<string, { family: Family; name: string; size: number }>();
function spellings(family: Family, name: string, size: number, names: string[]): void {
  for (const spelling of names) MEASURES.set(spelling, { family, name, size });
}
spellings("mass", "g", 1, ["g", "gr", "gram", "grams"]);
spellings("mass", "kg", 1000, ["kg", "kilo", "kilos", "kilogram", "kilograms"]);
spellings("volume", "ml", 1, ["ml", "millilitre", "millilitres", "milliliter", "milliliters"]);
spellings("volume", "cl", 10, ["cl", "centilitre", "centilitres", "centiliter", "centiliters"]);
spellings("volume", "dl", 100, ["dl", "decilitre", "decilitres", "deciliter", "deciliters"]);
spellings("volume", "l", 1000, ["l", "litre", "litres", "liter", "liters"]);
spellings("spoons", "tsp", 1, ["tsp", "teaspoon", "teaspoons"]);
spellings("spoons", "tbsp", 3, ["tbsp", "tbs", "tablespoon", "tablespoons"]);
spellings("spoons", "fl oz", 6, ["fl oz", "fluid ounce", "fluid ounces"]);
spellings("spoons", "cup", 48, ["cup", "cups"]);
spellings("ounces", "oz", 1, ["oz", "ounce", "ounces"]);
spellings("ounces", "lb", 16, ["lb", "lbs", "pound", "pounds"]);

export interface Measure {
  /** Units of one family convert into each other (g and kg; tsp, tbsp and cup; ml and l; oz and lb). */
  family: Family;
  name: string;
  /** In the family's base unit. */
  size: number;
}

/** The family's base unit: an amount in it, passed to `scaleIngredient` with factor 1, reads as a cook writes it. */
export const BASE_UNIT: Record<Family, string> = { mass: "g", volume: "ml", spoons: "tsp", ounces: "oz" };

/** A unit Sous converts, or undefined for counted and unknown units ("clove", "can", "bunch"). */
export function measureOf(unit: string | undefined): Measure | undefined {
  return unit === undefined ? undefined : MEASURES.get(normalize(unit));
}

function normalize(unit: string): string {
  return unit.trim().toLowerCase().replace(/\.$/, "");
}

/** The largest unit the amount reaches once rounded, unless rounding to it would be more than 10 % off. */
function fits(unit: Unit, inBase: number): boolean {
  const value = inBase / unit.size;
  if (unit.min === 0) return true;
  const rounded = round(value, unit);
  return rounded >= unit.min && Math.abs(rounded - value) <= 0.1 * value;
}

function round(value: number, unit: Unit): number {
  if (unit.coarseStep && value >= unit.coarseStep.from) return Math.round(value / unit.coarseStep.step) * unit.coarseStep.step;
  if (value >= unit.wholeFrom) return Math.round(value);
  const whole = Math.floor(value);
  const nearest = closest(unit.fractions.concat(1), value - whole);
  const rounded = Number((whole + nearest).toFixed(2));
  // Never round an amount away: the smallest step stands for "a little".
  return rounded > 0 ? rounded : (unit.fractions.find((f) => f > 0) ?? 1);
}

function closest(candidates: number[], target: number): number {
  // Ties go to the larger candidate: half way between two marks, a cook rounds up.
  return candidates.reduce((best, c) => (Math.abs(c - target) <= Math.abs(best - target) ? c : best));
}

/** Eggs, cloves, cans, bunches, pinches, and units Sous does not know: halves while small, whole numbers after. */
function roundCounted(value: number, unit: string | undefined): number {
  if (unit !== undefined && normalize(unit) === "pinch") return Math.max(1, Math.round(value));
  if (value < 3) return Math.max(0.5, Math.round(value * 2) / 2);
  return Math.round(value);
}
