import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../src/index.js";
import * as m0003 from "../src/migrations/0003_saved_recipes_list_columns.js";
import { databaseTargets } from "./targets.js";

// Migration 0003 turns the recipe fields saved.list shows into generated columns: rows saved before it get
// them filled, and every later write of `recipe` rewrites them.
const recipe = (summary: string, servings: number) =>
  JSON.stringify({ title: "Soup", summary, cuisine: "french", servings, prepMinutes: 15, cookMinutes: 40 });

describe.each(databaseTargets())("saved_recipes list columns on $name", (target) => {
  let handle: DbHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await target.create();
    userId = (
      await handle.db
        .insertInto("users")
        .values({ provider: "dev", subject: "cook", email: "cook@example.com" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    // A fresh PGlite is a migrated template loaded from memory: quick, except on a very busy machine.
  }, 180_000);
  afterAll(() => handle?.close());

  const listColumns = (id: string) =>
    handle.db
      .selectFrom("saved_recipes")
      .select(["summary", "cuisine", "total_minutes", "servings"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("fills rows saved before the migration", async () => {
    // This migration alone, down and up again (whatever later migrations do, they are not its subject).
    await m0003.down(handle.db as Kysely<unknown>);
    const { rows } = await sql<{ id: string }>`
      insert into saved_recipes (user_id, title, recipe) values (${userId}, 'Soup', ${recipe("Leek and potato", 4)}::jsonb)
      returning id`.execute(handle.db);
    await m0003.up(handle.db as Kysely<unknown>);
    expect(await listColumns(rows[0]!.id)).toEqual({ summary: "Leek and potato", cuisine: "french", total_minutes: 55, servings: 4 });
  });

  it("rewrites them whenever the recipe changes, and only from it", async () => {
    const { id } = await handle.db
      .insertInto("saved_recipes")
      .values({ user_id: userId, title: "Soup", recipe: recipe("First", 2) })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await listColumns(id)).toEqual({ summary: "First", cuisine: "french", total_minutes: 55, servings: 2 });
    await handle.db.updateTable("saved_recipes").set({ recipe: recipe("Second", 6) }).where("id", "=", id).execute();
    expect(await listColumns(id)).toEqual({ summary: "Second", cuisine: "french", total_minutes: 55, servings: 6 });
    await expect(sql`update saved_recipes set summary = 'forged' where id = ${id}`.execute(handle.db)).rejects.toThrow(/summary/);
  });
});
