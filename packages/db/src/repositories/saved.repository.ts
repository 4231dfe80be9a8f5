import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, SavedRecipesTable } from "../schema.js";
import { savedListStatement } from "./saved-list.query.js";

/** A saved recipe as stored. `recipe` is the JSON the service validated before saving it. */
export interface SavedRecord {
  id: string;
  title: string;
  recipe: Record<string, unknown>;
  tags: string[];
  notes: string;
  rating: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a list row shows: a few recipe fields, kept in columns of their own, never the whole recipe. */
export interface SavedListRecord {
  id: string;
  title: string;
  tags: string[];
  rating: number | null;
  summary: string;
  cuisine: string | null;
  totalMinutes: number;
  servings: number;
  createdAt: Date;
  updatedAt: Date;
}

export type SavedSort = "newest" | "oldest" | "title";

/**
 * Where the previous page ended: its last row's sort key and id. The key is `createdAt` for "newest" and
 * "oldest", and the row's title for "title" (the database lowercases it the same way as it sorts).
 */
export type SavedKeyset = { sort: "newest" | "oldest"; createdAt: Date; id: string } | { sort: "title"; title: string; id: string };

export interface SavedListQuery {
  userId: string;
  sort: SavedSort;
  limit: number;
  after?: SavedKeyset | undefined;
  /** Web-search syntax ("tomato -onion", quoted phrases); matched against title, ingredient names and notes. */
  q?: string | undefined;
  tag?: string | undefined;
}

export interface SavedPatch {
  title?: string | undefined;
  tags?: string[] | undefined;
  notes?: string | undefined;
  rating?: number | null | undefined;
}

export interface SavedRepository {
  /**
   * Inserts the row, or, when the user already saved one with the same idempotency key, returns that one
   * unchanged (`created: false`): a retried save makes one row, concurrent retries included.
   */
  create(input: {
    userId: string;
    title: string;
    recipe: Record<string, unknown>;
    tags: string[];
    notes: string;
    idempotencyKey: string | null;
  }): Promise<{ record: SavedRecord; created: boolean }>;
  /** One page of the user's rows in the order of `sort`, strictly after `after` (keyset). */
  list(query: SavedListQuery): Promise<SavedListRecord[]>;
  /** Undefined when the row does not exist or is not the user's. */
  find(userId: string, id: string): Promise<SavedRecord | undefined>;
  /** Applies the given fields and bumps updated_at; undefined when the row is missing or not the user's. */
  update(userId: string, id: string, patch: SavedPatch): Promise<SavedRecord | undefined>;
  /** False when the row is missing or not the user's. */
  delete(userId: string, id: string): Promise<boolean>;
  /**
   * The user's rows that match any of `words` (full-text, the same `search` column as `list`), best match
   * first (title over ingredients over notes), newest among equals. For grounding a chat answer.
   */
  search(userId: string, words: readonly string[], limit: number): Promise<SavedRecord[]>;
  /** The user's newest rows, saved at or after `since` when given. */
  recent(userId: string, limit: number, since?: Date | undefined): Promise<SavedRecord[]>;
}

const columns = ["id", "title", "recipe", "tags", "notes", "rating", "created_at", "updated_at"] as const;

/** The stored row as selected by `columns`: the table's own types, so the two cannot drift. */
type SelectedRow = Pick<Selectable<SavedRecipesTable>, (typeof columns)[number]>;

function toRecord(row: SelectedRow): SavedRecord {
  return {
    id: row.id,
    title: row.title,
    recipe: row.recipe,
    tags: row.tags,
    notes: row.notes,
    rating: row.rating,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createSavedRepository(db: Kysely<Database>): SavedRepository {
  const listStatement = savedListStatement(db);
  return {
    async create({ userId, title, recipe, tags, notes, idempotencyKey }) {
      // Two tries: the row holding the key could be deleted between the conflict and the re-select.
      for (let attempt = 1; ; attempt++) {
        const inserted = await db
          .insertInto("saved_recipes")
          .values({ user_id: userId, title, recipe: JSON.stringify(recipe), tags, notes, idempotency_key: idempotencyKey })
          .onConflict((oc) => oc.columns(["user_id", "idempotency_key"]).doNothing())
          .returning(columns)
          .executeTakeFirst();
        if (inserted) return { record: toRecord(inserted), created: true };
        // The key was used before. A separate statement, so it sees a row a concurrent save just committed
        // (the insert above waited for that commit before doing nothing).
        const existing = await db
          .selectFrom("saved_recipes")
          .select(columns)
          .where("user_id", "=", userId)
          .where("idempotency_key", "=", idempotencyKey)
          .executeTakeFirst();
        if (existing) return { record: toRecord(existing), created: false };
        if (attempt === 2) throw new Error("saved_recipes: the idempotency key conflicted twice, yet no row holds it");
      }
    },

    async list(query) {
      return (await db.executeQuery(listStatement(query))).rows;
    },

    async find(userId, id) {
      const row = await db
        .selectFrom("saved_recipes")
        .select(columns)
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async update(userId, id, patch) {
      const row = await db
        .updateTable("saved_recipes")
        .set({
          ...(patch.title === undefined ? {} : { title: patch.title }),
          ...(patch.tags === undefined ? {} : { tags: patch.tags }),
          ...(patch.notes === undefined ? {} : { notes: patch.notes }),
          ...(patch.rating === undefined ? {} : { rating: patch.rating }),
          updated_at: sql<Date>`now()`,
        })
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .returning(columns)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async delete(userId, id) {
      const result = await db
        .deleteFrom("saved_recipes")
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async search(userId, words, limit) {
      if (words.length === 0) return [];
      // websearch syntax with "or" between the words: any of them matches, stop words drop out.
      const query = sql`websearch_to_tsquery('english', ${words.join(" or ")})`;
      const rows = await db
        .selectFrom("saved_recipes")
        .select(columns)
        .where("user_id", "=", userId)
        .where(sql<boolean>`search @@ ${query}`)
        .orderBy(sql`ts_rank(search, ${query})`, "desc")
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async recent(userId, limit, since) {
      let query = db.selectFrom("saved_recipes").select(columns).where("user_id", "=", userId);
      if (since) query = query.where("created_at", ">=", since);
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
