import { z } from "zod";
import { text } from "./text.js";
import { Allergen, Diet, RecipeSource } from "./enums.js";
import { LIMITS } from "./limits.js";
import { Recipe } from "./recipe.js";

const field = (max: number) => text().trim().min(1).max(max);

/** Things to leave out: an EU allergen name or any ingredient word ("cilantro"). */
const Exclude = z.array(z.union([Allergen, field(LIMITS.ingredientName)])).max(LIMITS.exclude);

export const GenerateRecipeInput = z
  .object({
    dish: field(LIMITS.dish),
    servings: z.number().int().min(1).max(48).optional(),
    diets: z.array(Diet).max(10).optional(),
    exclude: Exclude.optional(),
    cuisine: field(40).optional(),
    maxMinutes: z.number().int().min(5).max(4320).optional(),
  })
  .strict();
export type GenerateRecipeInput = z.infer<typeof GenerateRecipeInput>;

export const FromIngredientsInput = z
  .object({
    ingredients: z.array(field(LIMITS.ingredientName)).min(1).max(LIMITS.ingredients),
    diets: z.array(Diet).max(10).optional(),
    exclude: Exclude.optional(),
    maxMinutes: z.number().int().min(5).max(4320).optional(),
    count: z.number().int().min(1).max(8).optional(),
  })
  .strict();
export type FromIngredientsInput = z.infer<typeof FromIngredientsInput>;

export const GenerateRecipeResult = z.object({
  recipe: Recipe,
  source: RecipeSource,
  cached: z.boolean(),
  warnings: z.array(z.string()),
});
export type GenerateRecipeResult = z.infer<typeof GenerateRecipeResult>;

export const Suggestion = z.object({
  title: z.string(),
  summary: z.string(),
  uses: z.array(z.string()),
  missing: z.array(z.string()),
  score: z.number().min(0).max(1),
  recipe: Recipe,
});
export type Suggestion = z.infer<typeof Suggestion>;

export const FromIngredientsResult = z.object({
  suggestions: z.array(Suggestion),
  source: RecipeSource,
  cached: z.boolean(),
});
export type FromIngredientsResult = z.infer<typeof FromIngredientsResult>;

export const Quota = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  resetsAt: z.date(),
});
export type Quota = z.infer<typeof Quota>;
