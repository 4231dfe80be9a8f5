import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { pgTypeParsers } from "./pg-parsers.js";
import { withQueryDeadline } from "./query-deadline.js";
import type { Database } from "./schema.js";

export interface CreateDbOptions {
  /** Postgres connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite keeps its files in `<dataDir>/pglite` (the rest of the data dir belongs to the app). */
  dataDir?: string;
  /** PGlite in memory: nothing touches the disk (tests). */
  memory?: boolean;
  /**
   * Client-side limit on every statement, the wait for a pool slot included (both drivers); on Postgres also
   * pg's `query_timeout`, the server's `statement_timeout` and the connect timeout. A frozen or unreachable
   * database fails the statement in this time instead of hanging the request. Default 5000.
   */
  queryTimeoutMs?: number;
  poolMax?: number;
  /**
   * Errors of idle pooled clients (server restart, network cut). Without a listener they would crash the
   * process. Handed the error alone: pg-pool hangs the whole client off it (`err.client`, kilobytes in a log).
   */
  onPoolError?: (err: Error) => void;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: "postgres" | "pglite";
  /** True when a trivial query answers; never throws, never hangs past the timeouts. */
  ping(): Promise<boolean>;
  /** Ends the pool or closes PGlite. Safe to call more than once. */
  close(): Promise<void>;
  /** Postgres only: connections checked out of the pool, and callers waiting for one (metrics). */
  poolStats?(): { inUse: number; waiting: number };
}

const DEFAULTS = { queryTimeoutMs: 5_000, poolMax: 10 };

// Both drivers return the same JS types: timestamptz → Date (their default), int8 → number (counts and token
// totals stay far below 2^53), date → "YYYY-MM-DD" string (a JS Date would shift it by the local time zone).
// pg's parsers are given per pool (pg-parsers.ts); PGlite's below.
const identity = (value: string): string => value;

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  return options.url ? createPostgres(options.url, options) : createPglite(options);
}

function createPostgres(url: string, options: CreateDbOptions): DbHandle {
  const timeoutMs = options.queryTimeoutMs ?? DEFAULTS.queryTimeoutMs;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? DEFAULTS.poolMax,
    connectionTimeoutMillis: timeoutMs,
    // pg gives up on its side (the client stays busy until the server answers); the server cancels its side.
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    types: pgTypeParsers,
  });
  const onPoolError = options.onPoolError ?? (() => {});
  pool.on("error", (err: Error & { client?: unknown }) => {
    delete err.client;
    onPoolError(err);
  });
  const db = new Kysely<Database>({ dialect: withQueryDeadline(new PostgresDialect({ pool }), timeoutMs) });
  const postgres = handle(db, "postgres", timeoutMs, async () => {
    if (!pool.ended) await pool.end();
  });
  return {
    ...postgres,
    poolStats: () => ({ inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
  };
}

async function createPglite(options: CreateDbOptions): Promise<DbHandle> {
  const bounds = options.queryTimeoutMs === undefined ? {} : { queryTimeoutMs: options.queryTimeoutMs };
  if (options.memory) return pgliteHandle(await openPglite({}), bounds);
  if (!options.dataDir) throw new Error("createDb: give a url, a dataDir, or memory: true");
  const dataDir = join(options.dataDir, "pglite");
  await mkdir(dataDir, { recursive: true });
  return pgliteHandle(await openPglite({ dataDir }), bounds);
}

/**
 * Opens PGlite with Sous's type parsers: on disk at `dataDir`, else in memory, optionally starting from a
 * `dumpDataDir()` archive (how the testkit hands out fresh migrated databases quickly).
 */
export function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  return PGlite.create({ ...options, parsers: pgliteParsers });
}

const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => Number(value),
  [pgliteTypes.DATE]: identity,
};

/** Wraps an already open PGlite (the testkit loads pre-migrated data dirs this way); closing the handle closes it. */
export function pgliteHandle(pglite: PGlite, options: { queryTimeoutMs?: number } = {}): DbHandle {
  const timeoutMs = options.queryTimeoutMs ?? DEFAULTS.queryTimeoutMs;
  // One connection, taken in turn: the deadline bounds the wait for it behind a long statement.
  const db = new Kysely<Database>({ dialect: withQueryDeadline(new PGliteDialect(pglite), timeoutMs) });
  return handle(db, "pglite", timeoutMs, async () => {
    if (!pglite.closed) await pglite.close();
  });
}

// Kysely's destroy() skips a driver that never ran a query, so `release` closes the pool or PGlite regardless:
// an unclosed PGlite keeps the process alive.
function handle(
  db: Kysely<Database>,
  kind: DbHandle["kind"],
  pingTimeoutMs: number,
  release: () => Promise<void>,
): DbHandle {
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    async ping() {
      if (closing) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), pingTimeoutMs);
      });
      const query = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closing ??= db.destroy().finally(release);
      return closing;
    },
  };
}
