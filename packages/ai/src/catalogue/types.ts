import type { FromIngredientsInput, GenerateRecipeInput, Recipe, Suggestion } from "@sous/schemas";
import type { ChatCallOptions, ChatStreamEvent, ChatTurn, LlmCallOptions, RecipeAnswer, RecipeStreamEvent } from "../port.js";

/** A snapshot of a recipe being streamed; every field is complete when present. */
export type PartialRecipe = Partial<Recipe>;

/** The catalogue's side of the LLM port; `feedback` is ignored, its answers do not change on regeneration. */
export interface CatalogueProvider {
  readonly source: "catalogue";
  readonly model: string;
  generateRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): Promise<RecipeAnswer>;
  streamRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): AsyncIterable<RecipeStreamEvent>;
  suggest(input: FromIngredientsInput, options?: LlmCallOptions): Promise<{ suggestions: Suggestion[] }>;
  chat(history: readonly ChatTurn[], options?: ChatCallOptions): AsyncIterable<ChatStreamEvent>;
  ready(): Promise<boolean>;
}
