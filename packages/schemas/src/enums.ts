import { z } from "zod";

export const DIETS = [
  "vegetarian",
  "vegan",
  "pescatarian",
  "gluten-free",
  "dairy-free",
  "nut-free",
  "halal",
  "kosher",
  "keto",
  "low-carb",
] as const;
export const Diet = z.enum(DIETS);
export type Diet = z.infer<typeof Diet>;

/** The 14 allergens EU law requires a menu to declare. */
export const ALLERGENS = [
  "gluten",
  "crustaceans",
  "eggs",
  "fish",
  "peanuts",
  "soy",
  "milk",
  "tree-nuts",
  "celery",
  "mustard",
  "sesame",
  "sulphites",
  "lupin",
  "molluscs",
] as const;
export const Allergen = z.enum(ALLERGENS);
export type Allergen = z.infer<typeof Allergen>;

export const Difficulty = z.enum(["easy", "medium", "hard"]);
export type Difficulty = z.infer<typeof Difficulty>;

export const Role = z.enum(["user", "admin"]);
export type Role = z.infer<typeof Role>;

/** Which provider answered: Gemini, an OpenAI-compatible server (Ollama, vLLM, OpenAI…) or the offline catalogue. */
export const RecipeSource = z.enum(["gemini", "openai", "catalogue"]);
export type RecipeSource = z.infer<typeof RecipeSource>;
