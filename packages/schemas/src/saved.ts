import { z } from "zod";
import { text } from "./text.js";
import { LIMITS } from "./limits.js";
import { Recipe } from "./recipe.js";

const Tag = text().trim().toLowerCase().min(1).max(LIMITS.tag);
const Tags = z.array(Tag).max(LIMITS.tags);

export const SavedCreateInput = z
  .object({
    recipe: Recipe,
    tags: Tags.optional(),
    notes: text().max(LIMITS.notes).optional(),
    idempotencyKey: text().trim().min(1).max(LIMITS.idempotencyKey).optional(),
  })
  .strict();
export type SavedCreateInput = z.infer<typeof SavedCreateInput>;

export const SavedListInput = z
  .object({
    // Opaque; room for a title cursor (a 120-character title can take 360 bytes before base64).
    cursor: text().max(1000).optional(),
    limit: z.number().int().min(1).max(LIMITS.pageSize).default(20),
    q: text().trim().max(LIMITS.searchQuery).optional(),
    tag: Tag.optional(),
    sort: z.enum(["newest", "oldest", "title"]).default("newest"),
  })
  .strict();
export type SavedListInput = z.infer<typeof SavedListInput>;

export const SavedByIdInput = z
  .object({ id: z.uuid(), servings: z.number().int().min(1).max(48).optional() })
  .strict();
export type SavedByIdInput = z.infer<typeof SavedByIdInput>;

export const SavedUpdateInput = z
  .object({
    id: z.uuid(),
    title: text().trim().min(1).max(120).optional(),
    tags: Tags.optional(),
    notes: text().max(LIMITS.notes).optional(),
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

/** A row of `saved.list`: what a list shows, without the full recipe (fetch it with `saved.byId`). */
export const SavedListItem = z.object({
  id: z.uuid(),
  title: z.string(),
  tags: z.array(z.string()),
  rating: z.number().int().nullable(),
  summary: z.string(),
  cuisine: z.string().nullable(),
  /** prepMinutes + cookMinutes of the recipe. */
  totalMinutes: z.number().int(),
  servings: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SavedListItem = z.infer<typeof SavedListItem>;

export const SavedPage = z.object({
  items: z.array(SavedListItem),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SavedPage = z.infer<typeof SavedPage>;
