import { z } from "zod";
import { text } from "./text.js";
import { Recipe } from "./recipe.js";

export const IMPORT_TEXT_MAX = 20_000;

/** A page to read a recipe from: http(s) only; which addresses may be fetched is the server's decision. */
export const ImportUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const RecipeImportInput = z.union([
  z.object({ url: ImportUrl }).strict(),
  z.object({ text: text().trim().min(1).max(IMPORT_TEXT_MAX) }).strict(),
]);
export type RecipeImportInput = z.infer<typeof RecipeImportInput>;

export const ImportSource = z.enum(["json-ld", "microdata", "ai"]);
export type ImportSource = z.infer<typeof ImportSource>;

/** An imported recipe, validated like a generated one but not saved (`saved.create` keeps it). */
export const RecipeImportResult = z.object({
  recipe: Recipe,
  source: ImportSource,
  /** The page's address after redirects, for URL imports. */
  sourceUrl: z.string().optional(),
  /** What could not be read or was guessed ("no cooking times on the page: set to 0"). */
  warnings: z.array(z.string()),
});
export type RecipeImportResult = z.infer<typeof RecipeImportResult>;
