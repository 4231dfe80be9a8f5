import { z } from "zod";
import { text } from "./text.js";
import { Allergen, Diet, Difficulty } from "./enums.js";

export const Ingredient = z
  .object({
    name: text().trim().min(1).max(80).describe("The ingredient alone, no amount"),
    quantity: z
      .number()
      .positive()
      .max(100_000)
      .optional()
      .describe("A number above 0; left out when not measured (to taste, as needed)"),
    unit: text().trim().max(20).optional().describe("g, ml, tbsp, cup…; left out for whole items"),
    note: text().trim().max(120).optional().describe("Preparation, or 'to taste'"),
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
    summary: text().trim().max(500).describe("One or two sentences"),
    cuisine: text().trim().max(40).optional(),
    servings: z.number().int().min(1).max(48),
    prepMinutes: z.number().int().min(0).max(1440),
    cookMinutes: z.number().int().min(0).max(2880),
    difficulty: Difficulty,
    diets: z.array(Diet).max(10).describe("Only diets the whole recipe meets"),
    allergens: z.array(Allergen).max(14).describe("Every EU allergen any ingredient contains"),
    ingredients: z
      .array(Ingredient)
      .min(1)
      .max(60)
      .describe("Amounts for `servings`, all in one unit system: metric, or US cups and ounces"),
    steps: z.array(text().trim().min(1).max(600)).min(1).max(40).describe("In order, one action each, unnumbered"),
    tips: z.array(text().trim().min(1).max(600)).max(10).optional(),
    nutrition: Nutrition.optional().describe("Per serving, estimated"),
  })
  .strict();
export type Recipe = z.infer<typeof Recipe>;
