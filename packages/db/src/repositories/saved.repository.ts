import { sql, type Kysely, type Selectable } from "kysely";
import { compiledByShape } from "../query-shapes.js";
import type { Database, SavedRecipesTable } from "../schema.js";

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

/** What a list row shows: a few recipe fields pulled out by the database, never the whole recipe. */
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
  const listQuery = compiledByShape(
    (shape: ListShape, params: ListParams) => buildList(db, shape, params),
    (shape) => `${shape.sort}:${Number(shape.search)}${Number(shape.tag)}${Number(shape.after)}`,
  );
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

    async list({ userId, sort, limit, after, q, tag }) {
      const shape = { sort, search: Boolean(q), tag: tag !== undefined, after: after !== undefined && after.sort === sort };
      const afterKey = after === undefined ? undefined : after.sort === "title" ? after.title : after.createdAt;
      const compiled = listQuery(shape, { userId, limit, q, tag, afterKey, afterId: after?.id });
      return (await db.executeQuery(compiled)).rows;
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
  };
}

/** Which clauses a list query has; its values come apart, in ListParams. */
interface ListShape {
  sort: SavedSort;
  search: boolean;
  tag: boolean;
  /** A keyset of the same sort to continue after. */
  after: boolean;
}

interface ListParams {
  userId: string;
  limit: number;
  q: string | undefined;
  tag: string | undefined;
  /** The previous page's last sort key: created_at for "newest" / "oldest", the title for "title". */
  afterKey: Date | string | undefined;
  afterId: string | undefined;
}

function buildList(db: Kysely<Database>, shape: ListShape, p: ListParams) {
  // Selected under their DTO names, so rows go out as they come: this is the hot read.
  let query = db
    .selectFrom("saved_recipes")
    .select([
      "id",
      "title",
      "tags",
      "rating",
      sql<string>`recipe->>'summary'`.as("summary"),
      sql<string | null>`recipe->>'cuisine'`.as("cuisine"),
      sql<number>`(recipe->>'prepMinutes')::int + (recipe->>'cookMinutes')::int`.as("totalMinutes"),
      sql<number>`(recipe->>'servings')::int`.as("servings"),
      "created_at as createdAt",
      "updated_at as updatedAt",
    ])
    .where("user_id", "=", p.userId)
    .limit(p.limit);
  if (shape.search) query = query.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${p.q})`);
  if (shape.tag) query = query.where(sql<boolean>`tags @> array[${p.tag}]::text[]`);

  if (shape.sort === "title") {
    query = query.orderBy(sql`lower(title)`).orderBy("id");
    if (shape.after) query = query.where(sql<boolean>`(lower(title), id) > (lower(${p.afterKey}), ${p.afterId}::uuid)`);
  } else {
    const direction = shape.sort === "newest" ? "desc" : "asc";
    query = query.orderBy("created_at", direction).orderBy("id", direction);
    if (shape.after) {
      query = query.where((eb) =>
        eb(eb.refTuple("created_at", "id"), shape.sort === "newest" ? "<" : ">", eb.tuple(p.afterKey as Date, p.afterId as string)),
      );
    }
  }
  return query;
}
