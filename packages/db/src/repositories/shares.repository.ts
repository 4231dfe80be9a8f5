import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

/** A shared recipe as the public sees it: the saved recipe's current content, not a copy taken at share time. */
export interface SharedRecipeRecord {
  title: string;
  recipe: Record<string, unknown>;
  sharedAt: Date;
}

export interface SharesRepository {
  /**
   * Sets the saved recipe's link to `tokenHash` (replacing an earlier one), when the recipe is the user's.
   * Undefined when it is missing or someone else's.
   */
  upsert(input: { userId: string; savedId: string; tokenHash: string }): Promise<{ createdAt: Date } | undefined>;
  /** False when there was no link, or the recipe is not the user's. */
  delete(userId: string, savedId: string): Promise<boolean>;
  findByHash(tokenHash: string): Promise<SharedRecipeRecord | undefined>;
}

export function createSharesRepository(db: Kysely<Database>): SharesRepository {
  return {
    async upsert({ userId, savedId, tokenHash }) {
      // Insert from a select over the caller's own row: someone else's id inserts nothing.
      const row = await db
        .insertInto("recipe_shares")
        .columns(["saved_id", "user_id", "token_hash"])
        .expression((eb) =>
          eb
            .selectFrom("saved_recipes")
            .select(["id", "user_id", sql<string>`${tokenHash}::text`.as("token_hash")])
            .where("id", "=", savedId)
            .where("user_id", "=", userId),
        )
        .onConflict((oc) =>
          oc.column("saved_id").doUpdateSet((eb) => ({ token_hash: eb.ref("excluded.token_hash"), created_at: sql<Date>`now()` })),
        )
        .returning("created_at")
        .executeTakeFirst();
      return row && { createdAt: row.created_at };
    },

    async delete(userId, savedId) {
      const result = await db
        .deleteFrom("recipe_shares")
        .where("user_id", "=", userId)
        .where("saved_id", "=", savedId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async findByHash(tokenHash) {
      const row = await db
        .selectFrom("recipe_shares as s")
        .innerJoin("saved_recipes as r", "r.id", "s.saved_id")
        .select(["r.title", "r.recipe", "s.created_at"])
        .where("s.token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row && { title: row.title, recipe: row.recipe, sharedAt: row.created_at };
    },
  };
}
