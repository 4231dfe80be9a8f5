import type { DeepPartial, LlmUsage } from "@sous/core";
import type { Recipe } from "@sous/schemas";

/** What a provider's recipe stream yields: growing partial recipes, then the checked final one. */
export type RecipeStreamStep =
  | { type: "partial"; recipe: DeepPartial<Recipe> }
  | { type: "final"; recipe: Recipe; usage: LlmUsage };
