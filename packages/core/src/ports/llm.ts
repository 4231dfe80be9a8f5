import type {
  FromIngredientsInput,
  GenerateRecipeInput,
  Recipe,
  RecipeSource,
  Suggestion,
} from "@sous/schemas";

/**
 * The LLM port, and its one home: @sous/ai implements it (Gemini, the offline catalogue) importing only these
 * types. Providers throw errors carrying a `kind` (see LlmFailureKind); services map those kinds to domain errors.
 */
export type LlmFailureKind =
  | "refused" // safety block or prompt block: never retried
  | "invalid_output" // output failed validation after the repair attempt
  | "timeout" // no answer inside the deadline
  | "unavailable" // upstream down / retries exhausted
  | "rate_limited" // upstream 429 after retries
  | "bad_request" // upstream 400: our request was wrong; not retried
  | "aborted"; // the caller went away

export interface LlmFailure extends Error {
  kind: LlmFailureKind;
  retryAfterSeconds?: number | undefined;
}

export function isLlmFailure(error: unknown): error is LlmFailure {
  return error instanceof Error && typeof (error as { kind?: unknown }).kind === "string";
}

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

export interface SuggestAnswer {
  suggestions: Suggestion[];
  usage?: LlmUsage | undefined;
}

export type ChatStreamEvent =
  | { type: "token"; text: string }
  | { type: "done"; reply: string; refused: boolean; usage?: LlmUsage | undefined };

export interface LlmProvider {
  readonly source: RecipeSource;
  /** Model id; part of every cache key. */
  readonly model: string;
  /** Version of the provider's prompts and response schemas, when it has any; part of every cache key. */
  readonly promptVersion?: string | undefined;
  generateRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): Promise<RecipeAnswer>;
  streamRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): AsyncIterable<RecipeStreamEvent>;
  suggest(input: FromIngredientsInput, options?: LlmCallOptions): Promise<SuggestAnswer>;
  /** `history` ends with the user's newest turn. */
  chat(history: ChatTurn[], options?: LlmCallOptions): AsyncIterable<ChatStreamEvent>;
  /**
   * Reads the one recipe in a user's pasted text or a page's visible text (recipe import). Optional: without
   * it (the offline catalogue) import reads the text with Sous's own parser and says what it could not fill.
   */
  extractRecipe?(text: string, options?: LlmCallOptions): Promise<RecipeAnswer>;
  /** Readiness: true when the provider can answer (no upstream call is made for the catalogue). */
  ready(): Promise<boolean>;
}
