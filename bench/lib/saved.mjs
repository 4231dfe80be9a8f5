// The saved.list benchmark: Sous on real Postgres against a raw node:http + pg server running the same
// statement (bench/servers/raw-pg.mjs), both on one fresh database, in the same run.
//
// Postgres: BENCH_DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); a
// throwaway database is created on it when a server starts and dropped at teardown. When no Postgres answers,
// the scenarios are left out with a note.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { BENCH_RECIPE } from "./recipe.mjs";

const root = new URL("../..", import.meta.url).pathname;
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROWS = 25;
const PAGE = 20;

async function admin(statement) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const available = await admin("select 1").then(
  () => true,
  (error) => {
    console.log(`note: no Postgres at ${serverUrl} (${error.message}); saved.list scenarios skipped`);
    return false;
  },
);

// One database for both servers: Sous migrates it when it starts (it starts first: its scenario comes first).
let database;
async function databaseUrl() {
  database ??= (async () => {
    const name = `sous_bench_${randomBytes(6).toString("hex")}`;
    await admin(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  })();
  return (await database).url;
}

export async function savedTeardown() {
  if (database) await admin(`drop database if exists ${(await database).name} with (force)`);
}

export const savedServers = {
  // Like `sous`, on Postgres: every request logged, only the rate limit raised.
  "sous-pg": {
    script: join(root, "apps/server/dist/main.js"),
    readyPath: "/readyz",
    env: async () => ({
      NODE_ENV: "development",
      DATABASE_URL: await databaseUrl(),
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-bench-")),
      RATE_LIMIT_PER_MINUTE: "1000000000",
      LOG_LEVEL: "info",
    }),
  },
  "raw-pg": {
    script: join(root, "bench/servers/raw-pg.mjs"),
    env: async () => ({ DATABASE_URL: await databaseUrl() }),
  },
};

// Filled by the Sous scenario's prepare (the user exists once Sous has signed them in and saved their rows).
let user;

export const savedScenarios = available
  ? [
      {
        name: "sous-saved-list",
        label: `(e) Sous full stack, saved.list of ${PAGE} on Postgres`,
        server: "sous-pg",
        prepare: async (url) => {
          user = await seedUser(url);
          const input = encodeURIComponent(JSON.stringify({ json: { limit: PAGE } }));
          const request = { path: `/trpc/saved.list?input=${input}`, headers: { authorization: `Bearer ${user.accessToken}` } };
          const page = await get(url, request);
          if (page.items.length !== PAGE || !page.nextCursor) throw new Error("saved.list: expected a full page and a cursor");
          return request;
        },
      },
      {
        name: "raw-pg-saved-list",
        label: `(f) node:http + pg, the same statement`,
        server: "raw-pg",
        prepare: async (url) => {
          if (!user) throw new Error("raw-pg-saved-list needs sous-saved-list in the same run (it seeds the rows)");
          const request = { path: `/?user=${user.id}&limit=${PAGE}` };
          const page = await get(url, request);
          if (page.items.length !== PAGE || !page.nextCursor) throw new Error("raw pg: expected a full page and a cursor");
          return request;
        },
      },
    ]
  : [];

export const savedComparisons = [
  {
    label: "saved.list vs node:http + pg (e/f)",
    scenario: "sous-saved-list",
    baseline: "raw-pg-saved-list",
    min: 0.4,
    maxP99Ratio: 2,
  },
];

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

async function get(url, request) {
  const response = await fetch(url + request.path, { headers: request.headers ?? {} });
  if (!response.ok) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
  return (await response.json()).result.data.json;
}
