import { z } from "zod";
import { LIMITS } from "./limits.js";
import { Recipe } from "./recipe.js";

const Tag = z.string().trim().toLowerCase().min(1).max(LIMITS.tag);
const Tags = z.array(Tag).max(LIMITS.tags);

export const SavedCreateInput = z
  .object({
    recipe: Recipe,
    tags: Tags.optional(),
    notes: z.string().max(LIMITS.notes).optional(),
    idempotencyKey: z.string().trim().min(1).max(LIMITS.idempotencyKey).optional(),
  })
  .strict();
export type SavedCreateInput = z.infer<typeof SavedCreateInput>;

export const SavedListInput = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(LIMITS.pageSize).default(20),
    q: z.string().trim().max(LIMITS.searchQuery).optional(),
    tag: Tag.optional(),
    sort: z.enum(["newest", "oldest", "title"]).default("newest"),
  })
  .strict();
export type SavedListInput = z.infer<typeof SavedListInput>;

export const SavedByIdInput = z
  .object({ id: z.uuid(), servings: z.number().int().min(1).max(48).optional() })
  .strict();

export const SavedUpdateInput = z
  .object({
    id: z.uuid(),
    title: z.string().trim().min(1).max(120).optional(),
    tags: Tags.optional(),
    notes: z.string().max(LIMITS.notes).optional(),
    rating: z.number().int().min(1).max(5).nullable().optional(),
  })
  .strict();
export type SavedUpdateInput = z.infer<typeof SavedUpdateInput>;

export const SavedRecipe = z.object({
  id: z.uuid(),
  recipe: Recipe,
  title: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  rating: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SavedRecipe = z.infer<typeof SavedRecipe>;
