import { setTimeout as sleep } from "node:timers/promises";
import type { Recipe } from "@sous/schemas";
import { AiError } from "../errors.js";
import type { ChatStreamEvent, RecipeAnswer, RecipeStreamEvent } from "@sous/core";
import type { PartialRecipe } from "./types.js";

/**
 * Streams an answer the catalogue already has, the way a model's streamed JSON arrives: growing snapshots
 * (title first, then the header fields, ingredients a few at a time, then steps), then the final answer,
 * which adds tips and nutrition.
 * Offline, the UI and the SSE path get exercised exactly as with Gemini. `delayMs` paces the pieces.
 */

export interface Pacing {
  delayMs: number;
  signal?: AbortSignal | undefined;
}

const INGREDIENTS_PER_CHUNK = 4;
const STEPS_PER_CHUNK = 2;

export function recipeSnapshots(recipe: Recipe): PartialRecipe[] {
  const { title, summary, cuisine, servings, prepMinutes, cookMinutes, difficulty, diets, allergens } = recipe;
  const header: PartialRecipe = { title, summary, ...(cuisine === undefined ? {} : { cuisine }) };
  const details: PartialRecipe = { ...header, servings, prepMinutes, cookMinutes, difficulty, diets, allergens };
  const snapshots: PartialRecipe[] = [{ title }, header, details];
  for (const n of growing(recipe.ingredients.length, INGREDIENTS_PER_CHUNK)) {
    snapshots.push({ ...details, ingredients: recipe.ingredients.slice(0, n) });
  }
  for (const n of growing(recipe.steps.length, STEPS_PER_CHUNK)) {
    snapshots.push({ ...details, ingredients: recipe.ingredients, steps: recipe.steps.slice(0, n) });
  }
  return snapshots;
}

/** Lengths of a list revealed `size` items at a time: growing(10, 4) → 4, 8, 10. */
function growing(length: number, size: number): number[] {
  return Array.from({ length: Math.ceil(length / size) }, (_, i) => Math.min(length, (i + 1) * size));
}

export async function* streamRecipeAnswer(
  answer: RecipeAnswer,
  pacing: Pacing,
): AsyncGenerator<RecipeStreamEvent> {
  for (const snapshot of recipeSnapshots(answer.recipe)) {
    await pause(pacing);
    yield { type: "partial", recipe: snapshot };
  }
  await pause(pacing);
  yield { type: "final", ...answer };
}

/** Streams a reply a few words at a time, then the whole reply. */
export async function* streamReply(reply: string, pacing: Pacing): AsyncGenerator<ChatStreamEvent> {
  for (const piece of reply.match(/(?:\S+\s*){1,6}|\s+/g) ?? []) {
    await pause(pacing);
    yield { type: "token", text: piece };
  }
  await pause(pacing);
  yield { type: "done", reply, refused: false };
}

async function pause({ delayMs, signal }: Pacing): Promise<void> {
  if (signal?.aborted) throw aborted(signal);
  if (delayMs <= 0) return;
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw aborted(signal);
    throw error;
  }
}

const aborted = (signal: AbortSignal) =>
  new AiError("aborted", "The request was cancelled.", { cause: signal.reason });
