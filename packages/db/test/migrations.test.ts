import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, migrations } from "../src/index.js";
import type { Database, DbHandle } from "../src/index.js";
import { databaseTargets } from "./targets.js";

const tables: (keyof Database)[] = [
  "users",
  "session_families",
  "refresh_tokens",
  "api_tokens",
  "saved_recipes",
  "conversations",
  "messages",
  "ai_usage",
  "recipe_shares",
  "shopping_items",
  "plan_entries",
];

describe.each(databaseTargets())("migrations on $name", (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.create();
  });
  afterAll(() => handle.close());

  it("creates every table of schema.ts and records the migrations", async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(handle.db);
    expect(rows.map((r) => r.table_name).sort()).toEqual(
      [...tables, "kysely_migration", "kysely_migration_lock"].sort(),
    );
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  });

  it("is idempotent: migrating an up-to-date database applies nothing and changes nothing", async () => {
    await expect(migrateToLatest(handle.db)).resolves.toEqual([]);
    await expect(migrateToLatest(handle.db)).resolves.toEqual([]);
    const count = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(handle.db);
    expect(count.rows[0]?.n).toBe(Object.keys(migrations).length);
  });

  it("indexes every foreign key (an index whose first column is the key)", async () => {
    const { rows } = await sql<{ fk: string }>`
      select c.conrelid::regclass::text || '.' || a.attname as fk
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )`.execute(handle.db);
    expect(rows).toEqual([]);
  });

  it("enforces the check and unique constraints", async () => {
    const user = await handle.db
      .insertInto("users")
      .values({ provider: "dev", subject: "a", email: "a@example.com" })
      .returning(["id", "role"])
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("user");
    await expect(
      handle.db.insertInto("users").values({ provider: "dev", subject: "a", email: "other@example.com" }).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      handle.db.updateTable("users").set({ role: "root" as "admin" }).where("id", "=", user.id).execute(),
    ).rejects.toThrow(/check constraint/i);
    const saved = { user_id: user.id, title: "Soup", recipe: JSON.stringify({ ingredients: [] }) };
    await expect(
      handle.db.insertInto("saved_recipes").values({ ...saved, rating: 6 }).execute(),
    ).rejects.toThrow(/check constraint/i);
    await handle.db.insertInto("saved_recipes").values({ ...saved, idempotency_key: "k1" }).execute();
    await expect(
      handle.db.insertInto("saved_recipes").values({ ...saved, idempotency_key: "k1" }).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    // Rows without a key never collide.
    await handle.db.insertInto("saved_recipes").values([saved, saved]).execute();
  });

  it("cascades deletes from a user to everything that belongs to them", async () => {
    const user = await handle.db
      .insertInto("users")
      .values({ provider: "dev", subject: "cascade", email: "c@example.com" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const family = await handle.db
      .insertInto("session_families")
      .values({ user_id: user.id, expires_at: new Date(Date.now() + 60_000) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("refresh_tokens")
      .values({ family_id: family.id, token_hash: "h-cascade", idle_expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const conversation = await handle.db
      .insertInto("conversations")
      .values({ user_id: user.id, title: "t" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("messages")
      .values({ conversation_id: conversation.id, role: "user", content: "hi" })
      .execute();

    await handle.db.deleteFrom("users").where("id", "=", user.id).execute();

    const left = await sql<{ n: number }>`
      select (select count(*) from refresh_tokens where token_hash = 'h-cascade')
           + (select count(*) from session_families where id = ${family.id})
           + (select count(*) from messages where conversation_id = ${conversation.id}) as n`.execute(handle.db);
    expect(left.rows[0]?.n).toBe(0);
  });
});

describe("migrateToLatest on a blank database", () => {
  it("applies every migration once, then nothing", async () => {
    const handle = await createDb({ memory: true });
    try {
      await expect(migrateToLatest(handle.db)).resolves.toEqual(Object.keys(migrations));
      await expect(migrateToLatest(handle.db)).resolves.toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it("throws an Error naming the migration that failed", async () => {
    const handle = await createDb({ memory: true });
    try {
      await sql`create table users (id int)`.execute(handle.db);
      const error = await migrateToLatest(handle.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^Migration 0001_initial failed: .*users/);
      // The failed migration ran in a transaction: nothing of it is left behind.
      const { rows } = await sql`select 1 from information_schema.tables where table_name = 'saved_recipes'`.execute(
        handle.db,
      );
      expect(rows).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
