import type { LlmProvider } from "@sous/core";
import type { Recipe } from "@sous/schemas";

/** A snapshot of a recipe being streamed; every field is complete when present. */
export type PartialRecipe = Partial<Recipe>;

/** The catalogue's side of the LLM port; `feedback` is ignored, its answers do not change on regeneration. */
export interface CatalogueProvider extends LlmProvider {
  readonly source: "catalogue";
}
