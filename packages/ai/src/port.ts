import type { Recipe, Suggestion } from "@sous/schemas";

/**
 * Both providers' shapes: a structural copy of core's LLM port types (packages/core/src/ports/llm.ts).
 * @sous/ai may not import @sous/core; the composition root assigns each provider to `LlmProvider`, so any
 * drift fails to compile there.
 */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmCallOptions {
  signal?: AbortSignal | undefined;
  /** Extra instruction for a regeneration, e.g. "the last recipe contained peanuts; leave them out". */
  feedback?: string | undefined;
}

export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface RecipeAnswer {
  recipe: Recipe;
  warnings: string[];
  usage?: LlmUsage | undefined;
}

export type RecipeStreamEvent =
  | { type: "partial"; recipe: DeepPartial<Recipe> }
  | ({ type: "final" } & RecipeAnswer);

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

/**
 * One of the caller's saved recipes, handed to `chat` as data for a grounded answer. Providers put it in a
 * delimited data block, never among their instructions: its text (notes above all) is the user's own.
 */
export interface SavedRecipeContext {
  savedId: string;
  title: string;
  /** Already scaled by core when the question asked for other servings (`scaledFrom` then says from what). */
  recipe: Recipe;
  notes: string;
  savedAt: Date;
  scaledFrom?: number | undefined;
}

export interface ChatCallOptions extends LlmCallOptions {
  /** The caller's saved recipes relevant to the newest message; absent or empty: an ungrounded chat. */
  saved?: readonly SavedRecipeContext[] | undefined;
}

export type ChatStreamEvent =
  | { type: "token"; text: string }
  | {
      type: "done";
      reply: string;
      refused: boolean;
      usage?: LlmUsage | undefined;
      /** savedIds of the given recipes the answer drew on, when the provider can tell; else core decides. */
      sources?: string[] | undefined;
    };

export interface SuggestAnswer {
  suggestions: Suggestion[];
  usage?: LlmUsage | undefined;
}
