import { sql, type CompiledQuery, type Kysely } from "kysely";
import { boundValues, compiledByShape, type Placeholders } from "../query-shapes.js";
import type { Database } from "../schema.js";
import type { SavedListQuery, SavedListRecord, SavedSort } from "./saved.repository.js";

/**
 * The statement of saved.list, the hottest read: compiled once per shape (query-shapes.ts). It reads only
 * columns of the row, never the `recipe` jsonb (the recipe fields it shows are generated columns, migration
 * 0003), and each sort has an index in its order, so a page is an index scan cut short by LIMIT
 * (test/saved-list.plan.test.ts asserts that plan on Postgres and PGlite).
 */
export function savedListStatement(db: Kysely<Database>): (query: SavedListQuery) => CompiledQuery<SavedListRecord> {
  const compiled = compiledByShape(
    (shape: ListShape, p: Placeholders<ListParams>) => buildList(db, shape, p),
    (shape) => `${shape.sort}:${Number(shape.search)}${Number(shape.tag)}${Number(shape.after)}`,
  );
  return (query) => {
    const { shape, params } = split(query);
    return compiled(shape, params);
  };
}

/**
 * The same statement built and compiled by Kysely anew on every call: what the compiled shapes stand in for
 * (the reference of their test, and of their figure in `pnpm bench`).
 */
export function savedListStatementRebuilt(db: Kysely<Database>): (query: SavedListQuery) => CompiledQuery<SavedListRecord> {
  return (query) => {
    const { shape, params } = split(query);
    return buildList(db, shape, boundValues(params)).compile();
  };
}

function split({ userId, sort, limit, after, q, tag }: SavedListQuery): { shape: ListShape; params: ListParams } {
  const continues = after !== undefined && after.sort === sort ? after : undefined;
  return {
    shape: { sort, search: Boolean(q), tag: tag !== undefined, after: continues !== undefined },
    params: {
      userId,
      limit,
      q,
      tag,
      afterTitle: continues?.sort === "title" ? continues.title : undefined,
      afterCreatedAt: continues !== undefined && continues.sort !== "title" ? continues.createdAt : undefined,
      afterId: continues?.id,
    },
  };
}

/** Which clauses a list query has; its values come apart, in ListParams. */
export interface ListShape {
  sort: SavedSort;
  search: boolean;
  tag: boolean;
  /** A keyset of the same sort to continue after. */
  after: boolean;
}

export interface ListParams {
  userId: string;
  limit: number;
  q?: string | undefined;
  tag?: string | undefined;
  /** The previous page's last row: its title ("title" sort) or creation time ("newest", "oldest"), and id. */
  afterTitle?: string | undefined;
  afterCreatedAt?: Date | undefined;
  afterId?: string | undefined;
}

export function buildList(db: Kysely<Database>, shape: ListShape, p: Placeholders<ListParams>) {
  // Selected under their DTO names, so rows go out as they come.
  let query = db
    .selectFrom("saved_recipes")
    .select([
      "id",
      "title",
      "tags",
      "rating",
      "summary",
      "cuisine",
      "total_minutes as totalMinutes",
      "servings",
      "created_at as createdAt",
      "updated_at as updatedAt",
    ])
    .where("user_id", "=", p.userId)
    .limit(p.limit);
  if (shape.search) query = query.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${p.q})`);
  if (shape.tag) query = query.where(sql<boolean>`tags @> array[${p.tag}]::text[]`);

  if (shape.sort === "title") {
    query = query.orderBy(sql`lower(title)`).orderBy("id");
    if (shape.after) query = query.where(sql<boolean>`(lower(title), id) > (lower(${p.afterTitle}), ${p.afterId}::uuid)`);
  } else {
    const direction = shape.sort === "newest" ? "desc" : "asc";
    query = query.orderBy("created_at", direction).orderBy("id", direction);
    if (shape.after) {
      query = query.where((eb) =>
        eb(eb.refTuple("created_at", "id"), shape.sort === "newest" ? "<" : ">", eb.tuple(p.afterCreatedAt, p.afterId)),
      );
    }
  }
  return query;
}
