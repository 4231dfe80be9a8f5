import { setTimeout as sleep } from "node:timers/promises";
import { createDb, migrateToLatest, type DbHandle } from "@sous/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { omelette } from "./ai-support.js";
import { devSignIn, startTestServer, type TestServer } from "./harness.js";
import { startOwnPostgres, type OwnPostgres } from "./own-services.js";

/**
 * Issue 9, items 1–2, on a Postgres cluster this file starts, stops and freezes itself. DB_QUERY_TIMEOUT_MS is
 * set to 1500 here (not the default 5000) so the frozen case runs in seconds; the property asserted is the
 * same: every request answers 503 within DB_QUERY_TIMEOUT_MS + 0.5 s. The freeze lasts 8 s, over five times
 * the limit, so every statement, connection attempt and pool wait meets it.
 */
const QUERY_TIMEOUT_MS = 1_500;

const own = await startOwnPostgres();

/** Every measured figure, printed at the end for the report. */
const figures: Record<string, number | string> = {};

describe.runIf(own)("Postgres stopped, restarted and frozen under a running server", () => {
  const pg = own as OwnPostgres;
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({
      target: {
        name: "postgres",
        async create(): Promise<DbHandle> {
          const handle = await createDb({ url: pg.url, queryTimeoutMs: QUERY_TIMEOUT_MS, poolMax: 5 });
          await migrateToLatest(handle.db);
          return handle;
        },
      },
    });
    ({ accessToken: token } = await devSignIn(server.url, "outage@sous.test"));
  }, 120_000);
  afterAll(async () => {
    console.info("outage figures (ms unless said):", JSON.stringify(figures));
    await server?.stop();
    await pg.destroy();
  }, 60_000);

  const auth = () => ({ authorization: `Bearer ${token}` });
  const listInput = encodeURIComponent(JSON.stringify({ json: {} }));
  const savedList = () => fetch(`${server.url}/trpc/saved.list?input=${listInput}`, { headers: auth() });
  const create = (key: string) =>
    fetch(`${server.url}/trpc/saved.create`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ json: { recipe: omelette, idempotencyKey: key } }),
    });
  async function timed(request: () => Promise<Response>) {
    const started = performance.now();
    const response = await request();
    const body = await response.text();
    return { response, body, ms: Math.round(performance.now() - started) };
  }
  /** Polls until `request` answers 200; resolves with the time it took. */
  async function recovery(request: () => Promise<Response>, limitMs: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < limitMs) {
      const response = await request().catch(() => undefined);
      await response?.text();
      if (response?.status === 200) return Math.round(performance.now() - started);
      await sleep(100);
    }
    return Number.POSITIVE_INFINITY;
  }

  /**
   * An idempotent writer: saved.create with a fresh key per recipe, each retried with the same key until it
   * succeeds. It runs through the outage; afterwards every key must be stored exactly once.
   */
  function startWriter() {
    const keys: string[] = [];
    const statuses = new Map<number, number>();
    let running = true;
    const done = (async () => {
      for (let i = 0; running; i++) {
        const key = `writer-${i}`;
        keys.push(key);
        for (;;) {
          const response = await create(key).catch(() => undefined);
          await response?.text();
          const status = response?.status ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) break;
          await sleep(50);
        }
        await sleep(20);
      }
    })();
    return {
      keys,
      statuses,
      stop: async () => {
        running = false;
        await done;
      },
    };
  }

  it("stopped: 503 + Retry-After fast, /readyz 503, back within 5 s of the restart, the writer loses and duplicates nothing", async () => {
    const writer = startWriter();
    await sleep(300);
    await pg.stop();
    try {
      const list = await timed(savedList);
      expect(list.response.status, list.body).toBe(503);
      expect(list.response.headers.get("retry-after")).toBe("5");
      expect(JSON.parse(list.body)).toMatchObject({ error: { json: { data: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 } } } });
      expect(list.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select|postgres/i);
      expect(list.ms).toBeLessThan(2_500);
      const write = await timed(() => create("during-outage"));
      expect(write.response.status).toBe(503);
      expect(write.ms).toBeLessThan(2_500);
      const me = await timed(() => fetch(`${server.url}/trpc/auth.me`, { headers: auth() }));
      expect(me.response.status).toBe(503);
      const ready = await timed(() => fetch(`${server.url}/readyz`));
      expect(ready.response.status).toBe(503);
      expect(JSON.parse(ready.body)).toMatchObject({ status: "unavailable", checks: { db: false } });
      Object.assign(figures, { stoppedList: list.ms, stoppedCreate: write.ms, stoppedMe: me.ms, stoppedReadyz: ready.ms });
      await sleep(1_000); // the writer keeps trying through the outage
    } finally {
      await pg.start();
    }
    const back = await recovery(savedList, 10_000);
    figures.recoveryAfterRestart = back;
    expect(back).toBeLessThanOrEqual(5_000);
    await sleep(300);
    await writer.stop();

    // The write refused during the outage is simply retried with its key: stored once.
    expect((await create("during-outage")).status).toBe(200);
    expect((await create("during-outage")).status).toBe(200);
    const rows = await server.db.db.selectFrom("saved_recipes").select("idempotency_key").execute();
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(String(row.idempotency_key), (counts.get(String(row.idempotency_key)) ?? 0) + 1);
    for (const key of [...writer.keys, "during-outage"]) expect(counts.get(key), key).toBe(1);
    figures.writerKeys = writer.keys.length;
    figures.writerStatuses = JSON.stringify(Object.fromEntries(writer.statuses));
    // Nothing but successes and 503s: never a 500 while the database was away.
    expect([...writer.statuses.keys()].sort()).toEqual([200, 503]);
    expect(server.logs.filter((line) => line.msg === "procedure failed" && (line.code as string) === "INTERNAL_SERVER_ERROR")).toEqual([]);
  }, 120_000);

  it("frozen (SIGSTOP) for 8 s: every request answers 503 within DB_QUERY_TIMEOUT_MS + 0.5 s, normal again within 2 s of SIGCONT", async () => {
    expect((await savedList()).status).toBe(200);
    pg.freeze();
    const frozenAt = performance.now();
    const answers: { status: number; ms: number; what: string }[] = [];
    try {
      // Waves of concurrent requests (more than the pool's 5 connections) until the freeze has lasted 8 s.
      while (performance.now() - frozenAt < 8_000) {
        const wave = await Promise.all([
          ...Array.from({ length: 8 }, () => timed(savedList).then((t) => ({ status: t.response.status, ms: t.ms, what: "saved.list" }))),
          timed(() => create(`frozen-${answers.length}`)).then((t) => ({ status: t.response.status, ms: t.ms, what: "saved.create" })),
          timed(() => fetch(`${server.url}/readyz`)).then((t) => ({ status: t.response.status, ms: t.ms, what: "readyz" })),
        ]);
        answers.push(...wave);
      }
    } finally {
      pg.thaw();
    }
    const back = await recovery(savedList, 10_000);
    const slowest = Math.max(...answers.map((a) => a.ms));
    Object.assign(figures, { frozenRequests: answers.length, frozenSlowestMs: slowest, recoveryAfterThaw: back });
    expect(answers.filter((a) => a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.ms > QUERY_TIMEOUT_MS + 500)).toEqual([]);
    expect(back).toBeLessThanOrEqual(2_000);
  }, 120_000);
});
