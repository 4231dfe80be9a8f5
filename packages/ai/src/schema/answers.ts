import { Recipe, Suggestion } from "@sous/schemas";
import { z } from "zod";
import { toGeminiSchema } from "./gemini-schema.js";

/** The most suggestions one `recipe.fromIngredients` call may ask for (its input allows 1..8). */
export const MAX_SUGGESTIONS = 8;

/** What the model returns for `suggest`: the public Suggestion shape, wrapped so the answer is an object. */
export const SuggestionsAnswer = z
  .object({ suggestions: z.array(Suggestion).min(1).max(MAX_SUGGESTIONS) })
  .strict();
export type SuggestionsAnswer = z.infer<typeof SuggestionsAnswer>;

/**
 * Derived once, at load, from the zod schemas: never hand-kept copies. Without the bounds zod checks anyway
 * (they cost input tokens on every call); with the field descriptions, which carry the rules a model needs.
 */
export const recipeResponseSchema = toGeminiSchema(Recipe, { bounds: false });
export const suggestionsResponseSchema = toGeminiSchema(SuggestionsAnswer, { bounds: false });
