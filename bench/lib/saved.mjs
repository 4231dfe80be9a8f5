// The saved.list benchmark: Sous on Postgres (20 of the user's 100 saved recipes, ANALYZEd) against two
// baselines on the same database, in the same run: a bare tRPC + Kysely + JWT server reading the same rows
// (servers/trpc-kysely-jwt.mjs), and raw node:http + pg running Sous's very statement (servers/raw-pg.mjs).
// A probe also measures the time Postgres itself spends per list call, Sous's against the raw statement's.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { median } from "./load.mjs";
import { runOn, startPostgres } from "./postgres.mjs";
import { listStatement } from "./list-statement.mjs";
import { BENCH_RECIPE } from "./recipe.mjs";

const root = new URL("../..", import.meta.url).pathname;
const ROWS = 100;
const PAGE = 20;
/** Signs Sous's access tokens; the bare JWT server checks them with it. */
const AUTH_SECRET = "bench-secret-bench-secret-bench-secret!";
/** saved.list calls per side in the Postgres-time probe. */
const PROBE_CALLS = Number(process.env.BENCH_PG_PROBE_CALLS ?? 200);

const postgres = await startPostgres().catch((error) => {
  console.log(`note: could not start Postgres (${error.message}); saved.list scenarios skipped`);
  return undefined;
});
if (!postgres) console.log("note: no Postgres (set BENCH_DATABASE_URL); saved.list scenarios skipped");

// One database for every server: Sous migrates it when it starts (it starts first: its scenario comes first).
let database;
function databaseUrl() {
  database ??= (async () => {
    const name = `sous_bench_${randomBytes(6).toString("hex")}`;
    await runOn(postgres.url, `create database ${name}`);
    const url = new URL(postgres.url);
    url.pathname = `/${name}`;
    // Only where the server preloads it (the bench's own cluster does); otherwise EXPLAIN ANALYZE alone.
    const statStatements = await runOn(url.toString(), "create extension if not exists pg_stat_statements")
      .then(() => runOn(url.toString(), "select 1 from pg_stat_statements limit 1"))
      .then(() => true, () => false);
    return { name, url: url.toString(), statStatements };
  })();
  return database;
}

export async function savedTeardown() {
  if (database) await runOn(postgres.url, `drop database if exists ${(await database).name} with (force)`).catch(() => {});
  await postgres?.stop();
}

export const savedServers = {
  // Like `sous`, on Postgres: every request logged, only the rate limit raised.
  "sous-pg": {
    script: join(root, "apps/server/dist/main.js"),
    readyPath: "/readyz",
    env: async () => ({
      NODE_ENV: "development",
      DATABASE_URL: (await databaseUrl()).url,
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-bench-")),
      AUTH_SECRET,
      RATE_LIMIT_PER_MINUTE: "1000000000",
      LOG_LEVEL: "info",
    }),
  },
  "trpc-kysely-jwt": {
    script: join(root, "bench/servers/trpc-kysely-jwt.mjs"),
    readyPath: "/trpc/health",
    env: async () => ({ DATABASE_URL: (await databaseUrl()).url, AUTH_SECRET }),
  },
  "raw-pg": {
    script: join(root, "bench/servers/raw-pg.mjs"),
    env: async () => ({ DATABASE_URL: (await databaseUrl()).url }),
  },
};

// Filled by the Sous scenario's prepare (the user exists once Sous has signed them in and saved their rows).
let user;
const listInput = encodeURIComponent(JSON.stringify({ json: { limit: PAGE } }));
const sousListRequest = () => ({ path: `/trpc/saved.list?input=${listInput}`, headers: { authorization: `Bearer ${user.accessToken}` } });
const rawListRequest = () => ({ path: `/?user=${user.id}&limit=${PAGE}` });

export const savedScenarios = postgres
  ? [
      {
        name: "sous-saved-list",
        label: `(e) Sous full stack, saved.list ${PAGE} of ${ROWS}, Postgres`,
        server: "sous-pg",
        prepare: async (url) => {
          user = await seedUser(url);
          await runOn((await databaseUrl()).url, "analyze saved_recipes");
          const request = sousListRequest();
          await expectPage(url, request);
          return request;
        },
      },
      {
        name: "trpc-kysely-jwt-saved-list",
        label: "(g) bare tRPC + Kysely + JWT, the same rows",
        server: "trpc-kysely-jwt",
        prepare: async (url) => {
          if (!user) throw new Error("(g) needs (e) in the same run (it seeds the rows)");
          const request = sousListRequest();
          await expectPage(url, request);
          return request;
        },
      },
      {
        name: "raw-pg-saved-list",
        label: "(f) node:http + pg, Sous's statement",
        server: "raw-pg",
        prepare: async (url) => {
          if (!user) throw new Error("(f) needs (e) in the same run (it seeds the rows)");
          const request = rawListRequest();
          await expectPage(url, request);
          return request;
        },
      },
    ]
  : [];

export const savedComparisons = [
  { label: "saved.list vs bare tRPC + Kysely + JWT (e/g)", scenario: "sous-saved-list", baseline: "trpc-kysely-jwt-saved-list", min: 1.3 },
  { label: "saved.list vs node:http + pg (e/f)", scenario: "sous-saved-list", baseline: "raw-pg-saved-list" },
];

/**
 * Postgres's own time per list call: pg_stat_statements' planning + execution time of every statement the
 * database ran, divided by the calls made, for Sous and for the raw statement in turn (target: Sous ≤ 1.5×);
 * and, apart from that, EXPLAIN ANALYZE's planning + execution time of the statement itself.
 */
export const savedProbes = postgres
  ? [
      {
        name: "saved-list-postgres-time",
        label: "Postgres time per saved.list call (pg_stat_statements: plan + execute, all statements of the call)",
        server: "sous-pg",
        async run(_url, _round, urls) {
          const db = await databaseUrl();
          const result = { explainUs: await explainAnalyzeUs(db.url) };
          if (db.statStatements) {
            result.sous = await postgresTimePerCall(db.url, urls["sous-pg"], sousListRequest());
            result.raw = await postgresTimePerCall(db.url, urls["raw-pg"], rawListRequest());
          }
          const stats = result.sous
            ? `Sous ${result.sous.us.toFixed(0)} µs in ${result.sous.statements.toFixed(2)} statement(s), raw ${result.raw.us.toFixed(0)} µs; `
            : "pg_stat_statements unavailable; ";
          return { ...result, summary: `${stats}EXPLAIN ANALYZE ${result.explainUs.toFixed(0)} µs` };
        },
        report(results) {
          const explain = median(results.map((r) => r.explainUs));
          const lines = [];
          if (results[0].sous) {
            const [sous, raw] = [median(results.map((r) => r.sous.us)), median(results.map((r) => r.raw.us))];
            const ratio = sous / raw;
            lines.push(
              `Sous ${sous.toFixed(0)} µs per call (${results[0].sous.statements.toFixed(2)} statements), raw statement ${raw.toFixed(0)} µs: ` +
                `${ratio.toFixed(2)}× ${ratio <= 1.5 ? "PASS" : "FAIL"} (target ≤ 1.5×)`,
            );
            lines.push(`statements Sous ran: ${results[0].sous.queries.join(" | ")}`);
          }
          lines.push(`EXPLAIN ANALYZE of the statement (plan + execute), median ${explain.toFixed(0)} µs`);
          return lines;
        },
      },
    ]
  : [];

async function postgresTimePerCall(dbUrl, serverUrl, request) {
  await runOn(dbUrl, "select pg_stat_statements_reset()");
  for (let i = 0; i < PROBE_CALLS; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, PROBE_CALLS - i) }, () => expectPage(serverUrl, request)));
  }
  const { rows } = await runOn(
    dbUrl,
    `select query, calls, total_plan_time + total_exec_time as ms from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())
       and query not ilike '%pg_stat_statements%'`,
  );
  const ms = rows.reduce((sum, r) => sum + r.ms, 0);
  const calls = rows.reduce((sum, r) => sum + Number(r.calls), 0);
  return { us: (ms * 1000) / PROBE_CALLS, statements: calls / PROBE_CALLS, queries: rows.map((r) => `${r.calls}× ${r.query.replace(/\s+/g, " ").slice(0, 120)}`) };
}

async function explainAnalyzeUs(dbUrl) {
  const { sql, parameters } = listStatement(PAGE + 1);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const times = [];
    for (let i = 0; i < 21; i++) {
      const { rows } = await client.query(`explain (analyze, format json) ${sql}`, [user.id, ...parameters.slice(1)]);
      const [plan] = rows[0]["QUERY PLAN"];
      times.push((plan["Planning Time"] + plan["Execution Time"]) * 1000);
    }
    return median(times);
  } finally {
    await client.end();
  }
}

async function seedUser(url) {
  const session = await call(url, "auth.signInDev", { email: "saved-bench@sous.test", transport: "body" });
  for (let i = 0; i < ROWS; i++) {
    const recipe = { ...BENCH_RECIPE, title: `${BENCH_RECIPE.title} no. ${i + 1}` };
    await call(url, "saved.create", { recipe, tags: ["bench", i % 2 ? "odd" : "even"] }, session.accessToken);
  }
  return { id: session.user.id, accessToken: session.accessToken };
}

async function call(url, path, input, token) {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).result.data.json;
}

async function expectPage(url, request) {
  const response = await fetch(url + request.path, { headers: request.headers ?? {} });
  if (!response.ok) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
  const page = (await response.json()).result.data.json;
  if (page.items.length !== PAGE || !page.nextCursor) throw new Error(`${url}${request.path}: expected a full page and a cursor`);
  return page;
}
