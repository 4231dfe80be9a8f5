import type { SavedRecord, SavedRepository } from "@sous/db";
import type {
  Recipe,
  SavedByIdInput,
  SavedCreateInput,
  SavedListInput,
  SavedPage,
  SavedRecipe,
  SavedUpdateInput,
} from "@sous/schemas";
import { NotFoundError } from "../errors.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { scaleRecipe } from "@sous/schemas";

/**
 * A signed-in user's saved recipes. `userId` always comes from the session; every repository call filters by
 * it in the same statement, so another user's row answers NOT_FOUND exactly like a missing one.
 */
export interface SavedService {
  create(userId: string, input: SavedCreateInput): Promise<SavedRecipe>;
  list(userId: string, input: SavedListInput): Promise<SavedPage>;
  /** With `servings`, the recipe comes back scaled to it (quantities and units; nutrition stays per serving). */
  byId(userId: string, input: SavedByIdInput): Promise<SavedRecipe>;
  update(userId: string, input: SavedUpdateInput): Promise<SavedRecipe>;
  delete(userId: string, id: string): Promise<{ id: string }>;
}

// The recipe was validated against the Recipe schema before it was stored, and only this service writes it.
const toSavedRecipe = (record: SavedRecord): SavedRecipe => ({ ...record, recipe: record.recipe as Recipe });

/** Tags compare lowercased (the input schema lowercases them); a tag given twice is kept once, first place. */
const uniqueTags = (tags: string[]): string[] => [...new Set(tags)];

export function createSavedService({ repo }: { repo: SavedRepository }): SavedService {
  return {
    async create(userId, input) {
      const { record } = await repo.create({
        userId,
        title: input.recipe.title,
        recipe: input.recipe,
        tags: uniqueTags(input.tags ?? []),
        notes: input.notes ?? "",
        idempotencyKey: input.idempotencyKey ?? null,
      });
      return toSavedRecipe(record);
    },

    async list(userId, input) {
      const rows = await repo.list({
        userId,
        sort: input.sort,
        limit: input.limit + 1,
        after: input.cursor === undefined ? undefined : decodeCursor(input.cursor, input.sort),
        q: input.q || undefined,
        tag: input.tag,
      });
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > input.limit && last ? encodeCursor(input.sort, last) : null,
      };
    },

    async byId(userId, { id, servings }) {
      const record = await repo.find(userId, id);
      if (!record) throw new NotFoundError("Saved recipe");
      const saved = toSavedRecipe(record);
      return servings === undefined ? saved : { ...saved, recipe: scaleRecipe(saved.recipe, servings) };
    },

    async update(userId, { id, title, tags, notes, rating }) {
      const record = await repo.update(userId, id, {
        title,
        tags: tags && uniqueTags(tags),
        notes,
        rating,
      });
      if (!record) throw new NotFoundError("Saved recipe");
      return toSavedRecipe(record);
    },

    async delete(userId, id) {
      if (!(await repo.delete(userId, id))) throw new NotFoundError("Saved recipe");
      return { id };
    },
  };
}
