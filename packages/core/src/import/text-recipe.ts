import type { Ingredient } from "@sous/schemas";
import { clip, parseIngredientLine } from "./ingredient-lines.js";
import { assemble, type MappedRecipe } from "./map-recipe.js";

const INGREDIENTS_HEADING = /^(ingredients?|you will need|you'll need|what you need)\b[\s:]*$/i;
const STEPS_HEADING = /^(method|instructions?|directions?|steps?|preparation|how to make( it)?)\b[\s:]*$/i;
const OTHER_HEADING = /^(notes?|tips?|nutrition|equipment|serving suggestions?)\b[\s:]*$/i;

/**
 * A recipe read from plain text without a language model: the title is the first line; lines under an
 * "Ingredients" heading are ingredient lines (parse-ingredient), lines under "Method"/"Instructions" are
 * steps. Without headings, lines that start with an amount are ingredients and longer sentences are steps.
 * Servings and times are read from phrases like "Serves 4", "Prep: 15 min", "Cook time 1 hour". Everything
 * it cannot fill is said in the warnings. Undefined when no ingredient or no step is found.
 */
export function recipeFromText(input: string): MappedRecipe | undefined {
  const lines = input
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (lines.length < 2) return undefined;
  const warnings: string[] = ["Read without a language model: check the title, summary and steps."];

  const ingredientLines: string[] = [];
  const stepLines: string[] = [];
  const hasHeadings = lines.some((l) => INGREDIENTS_HEADING.test(l)) && lines.some((l) => STEPS_HEADING.test(l));
  let section: "none" | "ingredients" | "steps" | "other" = "none";
  for (const line of lines.slice(1)) {
    if (INGREDIENTS_HEADING.test(line)) section = "ingredients";
    else if (STEPS_HEADING.test(line)) section = "steps";
    else if (OTHER_HEADING.test(line)) section = "other";
    else if (hasHeadings) {
      if (section === "ingredients") ingredientLines.push(line);
      else if (section === "steps") stepLines.push(line);
    } else if (/^([-*•]\s*)?[\d½¼¾⅓⅔⅛]/.test(line) && line.length <= 120 && !/^\d+[.)]\s/.test(line)) ingredientLines.push(line);
    else if (line.split(" ").length >= 5 && !isMetaLine(line)) stepLines.push(line);
  }

  const ingredients = ingredientLines.map(parseIngredientLine).filter((i): i is Ingredient => i !== undefined);
  const steps = stepLines.map((l) => clip(l.replace(/^(step\s*)?\d+[.):]?\s+/i, ""), 600)).filter(Boolean);
  if (ingredients.length === 0 || steps.length === 0) return undefined;

  const servings = /\b(?:serves|servings?|yield|makes)\s*:?\s*(\d+)|(\d+)\s+(?:servings|portions|people)\b/i.exec(input);
  if (!servings) warnings.push("The text does not say how many it serves: set to 4.");
  const prep = minutesAfter(input, /\bprep(?:aration)?(?:\s*time)?\s*:?\s*/i);
  const cook = minutesAfter(input, /\b(?:cook(?:ing)?|bake|baking)(?:\s*time)?\s*:?\s*/i);
  if (prep === undefined && cook === undefined) warnings.push("The text gives no times: set to 0.");
  warnings.push("No summary in the text: left empty.");

  const recipe = assemble({
    title: clip(lines[0]!.replace(/^#+\s*/, ""), 120),
    summary: "",
    cuisine: undefined,
    servings: Number(servings?.[1] ?? servings?.[2] ?? 4),
    prepMinutes: prep ?? 0,
    cookMinutes: cook ?? 0,
    ingredients: ingredients.slice(0, 60),
    steps: steps.slice(0, 40),
    diets: [],
    warnings,
  });
  return recipe && { recipe, warnings };
}

function isMetaLine(line: string): boolean {
  return /^(serves|servings|yield|makes|prep|cook|total|bake)\b/i.test(line);
}

/** "Prep: 1 hr 15 min" → 75, after the label matched by `label`. */
function minutesAfter(text: string, label: RegExp): number | undefined {
  const match = new RegExp(label.source + /(\d+)\s*(h(?:ours?|rs?)?|m(?:in(?:ute)?s?)?)(?:\s*(\d+)\s*m(?:in(?:ute)?s?)?)?/.source, "i").exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const isHours = match[2]!.toLowerCase().startsWith("h");
  return isHours ? amount * 60 + Number(match[3] ?? 0) : amount;
}
