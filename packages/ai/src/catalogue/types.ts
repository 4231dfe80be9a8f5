import type { FromIngredientsInput, GenerateRecipeInput, Recipe, Suggestion } from "@sous/schemas";

/**
 * The slice of core's LLM port (packages/core/src/ports/llm.ts) this provider implements, restated because
 * @sous/ai may not import @sous/core; the composition root checks that the two fit.
 */

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Ignored: the catalogue's answers do not change on regeneration. */
  feedback?: string | undefined;
}

/** A snapshot of a recipe being streamed; every field is complete when present. */
export type PartialRecipe = Partial<Recipe>;

export interface CatalogueRecipeAnswer {
  recipe: Recipe;
  warnings: string[];
}

export type CatalogueRecipeEvent =
  | { type: "partial"; recipe: PartialRecipe }
  | ({ type: "final" } & CatalogueRecipeAnswer);

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export type CatalogueChatEvent =
  | { type: "token"; text: string }
  | { type: "done"; reply: string; refused: boolean };

export interface CatalogueProvider {
  readonly source: "catalogue";
  readonly model: string;
  generateRecipe(input: GenerateRecipeInput, options?: CallOptions): Promise<CatalogueRecipeAnswer>;
  streamRecipe(input: GenerateRecipeInput, options?: CallOptions): AsyncIterable<CatalogueRecipeEvent>;
  suggest(input: FromIngredientsInput, options?: CallOptions): Promise<{ suggestions: Suggestion[] }>;
  chat(history: readonly ChatTurn[], options?: CallOptions): AsyncIterable<CatalogueChatEvent>;
  ready(): Promise<boolean>;
}
