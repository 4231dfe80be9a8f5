import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyDatabaseError, openPglite, pgliteHandle, QueryDeadlineError, type DbHandle } from "../src/index.js";

describe("the client-side statement deadline (PGlite: one connection, taken in turn)", () => {
  // One PGlite for both cases: creating one is the slow part of this file.
  let handle: DbHandle;
  beforeAll(async () => {
    handle = pgliteHandle(await openPglite({}), { queryTimeoutMs: 300 });
  });
  afterAll(() => handle.close());

  it("fails a statement that waits for the connection past the deadline, and the connection is not lost", async () => {
    // A transaction holds the only connection for 3 s; the query queued behind it must give up after 300 ms.
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = handle.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      holding();
      await sleep(3_000);
    });
    try {
      await held;
      const started = performance.now();
      const failed = await sql`select 1`.execute(handle.db).catch((error: unknown) => error);
      const waited = performance.now() - started;
      expect(failed).toBeInstanceOf(QueryDeadlineError);
      expect(classifyDatabaseError(failed)).toBe("unavailable");
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(2_500);
      await holder;
      // The late acquisition was handed back: the next statement gets the connection.
      const { rows } = await sql<{ n: number }>`select 2 as n`.execute(handle.db);
      expect(rows).toEqual([{ n: 2 }]);
    } finally {
      await holder.catch(() => {});
    }
  });

  it("gives each statement of a transaction its own deadline", async () => {
    const rows = await handle.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await sleep(200);
        await sql`select 1`.execute(trx);
        await sleep(200);
        return (await sql<{ n: number }>`select 3 as n`.execute(trx)).rows;
      });
      expect(rows).toEqual([{ n: 3 }]);
  });
});

describe("classifyDatabaseError", () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    ["connection refused", withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED")],
    ["connection reset", withCode("read ECONNRESET", "ECONNRESET")],
    ["happy-eyeballs refusal", new AggregateError([withCode("connect ECONNREFUSED ::1:1", "ECONNREFUSED")], "")],
    ["terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["pg query_timeout", new Error("Query read timeout")],
    ["statement_timeout", withCode("canceling statement due to statement timeout", "57014")],
    ["admin shutdown", withCode("terminating connection due to administrator command", "57P01")],
    ["starting up", withCode("the database system is starting up", "57P03")],
    ["connection exception class", withCode("connection failure", "08006")],
    ["closed PGlite", new Error("PGlite is closed")],
    ["destroyed Kysely", new Error("driver has already been destroyed")],
  ])("%s → unavailable", (_, error) => {
    expect(classifyDatabaseError(error)).toBe("unavailable");
  });

  it("reads a data exception as refused input, and leaves bugs alone", () => {
    expect(classifyDatabaseError(withCode('invalid byte sequence for encoding "UTF8": 0x00', "22021"))).toBe("invalid-input");
    expect(classifyDatabaseError(withCode('relation "nope" does not exist', "42P01"))).toBeUndefined();
    expect(classifyDatabaseError(withCode("duplicate key", "23505"))).toBeUndefined();
    expect(classifyDatabaseError(new TypeError("x is not a function"))).toBeUndefined();
    expect(classifyDatabaseError("a string")).toBeUndefined();
  });
});
