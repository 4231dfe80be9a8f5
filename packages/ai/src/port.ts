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

export type ChatStreamEvent =
  | { type: "token"; text: string }
  | { type: "done"; reply: string; refused: boolean; usage?: LlmUsage | undefined };

export interface SuggestAnswer {
  suggestions: Suggestion[];
  usage?: LlmUsage | undefined;
}
