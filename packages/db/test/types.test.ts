import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../src/index.js";
import { databaseTargets } from "./targets.js";

describe.each(databaseTargets())("column types on $name", (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.create();
  });
  afterAll(() => handle.close());

  it("returns timestamptz as Date, filled by the database defaults", async () => {
    const before = Date.now();
    const user = await handle.db
      .insertInto("users")
      .values({ provider: "dev", subject: "t", email: "t@example.com" })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.updated_at).toBeInstanceOf(Date);
    // Generous bounds: the database clock and ours are the same machine's.
    expect(Math.abs(user.created_at.getTime() - before)).toBeLessThan(60_000);
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const expiresAt = new Date("2030-01-02T03:04:05.678Z");
    const family = await handle.db
      .insertInto("session_families")
      .values({ user_id: user.id, expires_at: expiresAt })
      .returning(["expires_at", "revoked_at"])
      .executeTakeFirstOrThrow();
    expect(family.expires_at).toEqual(expiresAt);
    expect(family.revoked_at).toBeNull();
  });

  it("returns int8 (counts, token totals) as numbers and date as a YYYY-MM-DD string", async () => {
    await handle.db
      .insertInto("ai_usage")
      .values({ subject: "ip:127.0.0.1", day: "2026-03-01", calls: 2, input_tokens: 3_000_000_000, output_tokens: 7 })
      .execute();
    const row = await handle.db.selectFrom("ai_usage").selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      subject: "ip:127.0.0.1",
      day: "2026-03-01",
      calls: 2,
      input_tokens: 3_000_000_000,
      output_tokens: 7,
    });
    const count = await handle.db
      .selectFrom("ai_usage")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("round-trips jsonb and text[] columns", async () => {
    const user = await handle.db
      .insertInto("users")
      .values({ provider: "dev", subject: "json", email: "j@example.com" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const recipe = { title: "Soup", ingredients: [{ name: "leek", quantity: 2 }], tags: ["a"] };
    const saved = await handle.db
      .insertInto("saved_recipes")
      .values({ user_id: user.id, title: "Soup", recipe: JSON.stringify(recipe), tags: ["quick", "vegan"] })
      .returning(["recipe", "tags", "notes", "rating"])
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ recipe, tags: ["quick", "vegan"], notes: "", rating: null });
    const { rows } = await sql<{ n: number }>`select count(*) as n from saved_recipes where tags @> ${["vegan"]}`.execute(
      handle.db,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
