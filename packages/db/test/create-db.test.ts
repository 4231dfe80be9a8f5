import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyDatabaseError, createDb, migrateToLatest } from "../src/index.js";
import { databaseTargets } from "./targets.js";

describe("createDb with PGlite on disk", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sous-db-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps its data under dataDir across close and reopen", async () => {
    const first = await createDb({ dataDir: dir });
    expect(first.kind).toBe("pglite");
    await migrateToLatest(first.db);
    await first.db.insertInto("users").values({ provider: "dev", subject: "kept", email: "k@example.com" }).execute();
    await first.close();
    expect(await first.ping()).toBe(false);
    expect(await readdir(dir)).toEqual(["pglite"]);

    const second = await createDb({ dataDir: dir });
    try {
      expect(await second.ping()).toBe(true);
      await expect(migrateToLatest(second.db)).resolves.toEqual([]);
      const users = await second.db.selectFrom("users").select("subject").execute();
      expect(users).toEqual([{ subject: "kept" }]);
    } finally {
      await second.close();
    }
  });

  it("refuses to guess where the data goes", async () => {
    await expect(createDb({})).rejects.toThrow(/url, a dataDir, or memory/);
  });

  it("can be closed without ever running a query, and twice", async () => {
    const handle = await createDb({ memory: true });
    await handle.close();
    await handle.close();
    expect(await handle.ping()).toBe(false);
  });
});

describe("createDb with an unreachable Postgres", () => {
  // A server that accepts TCP connections and never answers: the case a connection timeout exists for.
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("ping() answers false within the connection timeout instead of hanging", async () => {
    const { port } = silent.address() as { port: number };
    const handle = await createDb({ url: `postgres://sous@127.0.0.1:${port}/sous`, queryTimeoutMs: 300 });
    expect(handle.kind).toBe("postgres");
    const started = Date.now();
    try {
      expect(await handle.ping()).toBe(false);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await handle.close();
    }
  });

  it("ping() answers false when nothing listens", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const handle = await createDb({ url: `postgres://sous@127.0.0.1:${port}/sous`, queryTimeoutMs: 300 });
    try {
      expect(await handle.ping()).toBe(false);
    } finally {
      await handle.close();
    }
  });
});

// These need options a fresh test database does not take; the URL's own database is enough (no tables made).
// databaseTargets() warns once when the variable is missing.
const postgresUrl = databaseTargets().some((t) => t.name === "postgres") ? process.env.TEST_DATABASE_URL : undefined;
describe.runIf(postgresUrl)("createDb with a real Postgres", () => {
  const url = postgresUrl ?? "";

  it("gives up on a slow statement after queryTimeoutMs, as an unavailable database", async () => {
    const handle = await createDb({ url, queryTimeoutMs: 300 });
    try {
      expect(await handle.ping()).toBe(true);
      const started = performance.now();
      const failed = await sql`select pg_sleep(5)`.execute(handle.db).catch((error: unknown) => error);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(classifyDatabaseError(failed)).toBe("unavailable");
    } finally {
      await handle.close();
    }
  });

  it("rejects a failing statement with Postgres's error and serves the next query on the same connection", async () => {
    const handle = await createDb({ url, poolMax: 1 });
    try {
      const failed = await sql`select * from no_such_table`.execute(handle.db).catch((error: unknown) => error);
      expect(failed).toMatchObject({ code: "42P01" }); // undefined_table, as pg reports it
      const { rows } = await sql<{ answer: number }>`select ${41}::int + 1 as answer`.execute(handle.db);
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await handle.close();
    }
  });

  it("survives an idle client being killed and reports it to onPoolError", async () => {
    const errors: Error[] = [];
    const handle = await createDb({ url, poolMax: 1, onPoolError: (err) => errors.push(err) });
    const killer = await createDb({ url, poolMax: 1 });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      await sql`select pg_terminate_backend(${rows[0]?.pid})`.execute(killer.db);
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      // The pool drops the dead client and the next query gets a new connection.
      expect(await handle.ping()).toBe(true);
    } finally {
      await killer.close();
      await handle.close();
    }
  });
});
