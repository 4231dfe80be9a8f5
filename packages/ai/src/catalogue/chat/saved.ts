import type { SavedRecipeContext } from "@sous/core";
import { formatIngredient } from "./format.js";

/**
 * The offline chat's answers about the cook's own saved recipes, from the recipes core retrieved for the
 * message (core has already scaled the best match when the message asked for other servings). Three kinds:
 * scaling ("scale my pad thai to 6"), times ("how long does my lasagne take?") and lookup ("what can I cook
 * from my saved recipes with chickpeas?", "what did I save last week?"). Anything else — including a general
 * cooking question that merely retrieved a recipe — is left to the catalogue chat (undefined).
 * Recipe text is quoted, never interpreted: a note saying "ignore your rules" is just printed as a note.
 */
export interface SavedAnswer {
  reply: string;
  sources: string[];
}

const ABOUT_SAVED = /\bmy\b|\bsaved\b|\bi save|\bi've saved\b/i;
const TIME_QUESTION = /\bhow long\b|\bhow much time\b|\bhow many (?:minutes|hours)\b|\btime does\b|\btakes?\b.*\?/i;

export function answerFromSaved(message: string, saved: readonly SavedRecipeContext[]): SavedAnswer | undefined {
  const scaled = saved.find((item) => item.scaledFrom !== undefined);
  if (scaled) return scaleAnswer(scaled);
  if (!ABOUT_SAVED.test(message)) return undefined;
  if (saved.length === 0) {
    return { reply: "I couldn't find a saved recipe that matches that. Save a recipe first, or ask me about any dish.", sources: [] };
  }
  if (TIME_QUESTION.test(message)) return timeAnswer(saved[0]!);
  return lookupAnswer(message, saved);
}

function scaleAnswer(item: SavedRecipeContext): SavedAnswer {
  const { recipe } = item;
  const lines = [
    `Your **${item.title}** scaled from ${item.scaledFrom} to ${recipe.servings} servings:`,
    "",
    ...recipe.ingredients.map((ingredient) => `- ${formatIngredient(ingredient)}`),
    "",
    `The times stay the same: ${recipe.prepMinutes} min prep + ${recipe.cookMinutes} min cooking.`,
  ];
  return { reply: lines.join("\n"), sources: [item.savedId] };
}

function timeAnswer(item: SavedRecipeContext): SavedAnswer {
  const { prepMinutes, cookMinutes } = item.recipe;
  const reply = `Your **${item.title}** takes about ${duration(prepMinutes + cookMinutes)} in all: ${prepMinutes} min prep + ${cookMinutes} min cooking.`;
  return { reply, sources: [item.savedId] };
}

function lookupAnswer(message: string, saved: readonly SavedRecipeContext[]): SavedAnswer {
  const words = (message.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map(stem);
  const uses = (item: SavedRecipeContext) =>
    item.recipe.ingredients.map((i) => i.name).filter((name) => words.some((word) => name.toLowerCase().includes(word)));
  const matching = saved.filter((item) => uses(item).length > 0 || words.some((w) => item.title.toLowerCase().includes(w)));
  const listed = matching.length > 0 ? matching : saved;
  const lines = ["From your saved recipes:"];
  listed.forEach((item, index) => {
    const { recipe } = item;
    const used = uses(item);
    const facts = [`${duration(recipe.prepMinutes + recipe.cookMinutes)}`, `serves ${recipe.servings}`, `saved ${item.savedAt.toISOString().slice(0, 10)}`];
    lines.push(`${index + 1}. **${item.title}** (${facts.join(" · ")})${used.length ? `: uses ${used.join(", ")}` : ""}`);
  });
  lines.push("", "Open one from your saved recipes for the full method.");
  return { reply: lines.join("\n"), sources: listed.map((item) => item.savedId) };
}

/** "chickpeas" → "chickpea", "tomatoes" → "tomato": enough to match an ingredient either way round. */
function stem(word: string): string {
  if (word.endsWith("oes")) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${rest} minutes` : ""}`;
}
