import { z } from "zod";
import { text } from "./text.js";
import { Allergen, Diet, Difficulty } from "./enums.js";

export const Ingredient = z
  .object({
    name: text().trim().min(1).max(80),
    quantity: z.number().positive().max(100_000).optional(),
    unit: text().trim().max(20).optional(),
    note: text().trim().max(120).optional(),
  })
  .strict();
export type Ingredient = z.infer<typeof Ingredient>;

export const Nutrition = z
  .object({
    calories: z.number().min(0).max(20_000),
    proteinG: z.number().min(0).max(2_000),
    carbsG: z.number().min(0).max(2_000),
    fatG: z.number().min(0).max(2_000),
  })
  .strict();
export type Nutrition = z.infer<typeof Nutrition>;

/** A complete recipe: what the model must produce, what the catalogue ships and what users save. */
export const Recipe = z
  .object({
    title: text().trim().min(1).max(120),
    summary: text().trim().max(500),
    cuisine: text().trim().max(40).optional(),
    servings: z.number().int().min(1).max(48),
    prepMinutes: z.number().int().min(0).max(1440),
    cookMinutes: z.number().int().min(0).max(2880),
    difficulty: Difficulty,
    diets: z.array(Diet).max(10),
    allergens: z.array(Allergen).max(14),
    ingredients: z.array(Ingredient).min(1).max(60),
    steps: z.array(text().trim().min(1).max(600)).min(1).max(40),
    tips: z.array(text().trim().min(1).max(600)).max(10).optional(),
    nutrition: Nutrition.optional(),
  })
  .strict();
export type Recipe = z.infer<typeof Recipe>;
