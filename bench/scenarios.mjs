// What `pnpm bench` measures: Sous (apps/server's build: one Express app, tRPC's Express adapter at /trpc)
// against baselines measured in the same run. A new server, scenario or comparison goes here; run.mjs needs
// no change.
//
// servers:     name → how to start it (a node script, pinned to core 0 by run.mjs, PORT given).
// scenarios:   one closed-loop HTTP load each: `server`, and `prepare(url)` returning the request to repeat.
// comparisons: ratio of two scenarios' median requests/s (and their p99s); `min` makes it a pass/fail target.
// probes:      one-shot measurements per round (below).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// The testkit's loopback Gemini server (from its build: `pnpm bench` builds first): Sous's real Gemini provider
// talks to it, and it counts the upstream calls.
import { startFakeGemini } from "@sous/testkit";
import { median } from "./lib/load.mjs";
import { BENCH_RECIPE } from "./lib/recipe.mjs";
import { savedComparisons, savedProbes, savedScenarios, savedServers, savedTeardown } from "./lib/saved.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Scaled-down model latency: long enough that concurrent cold requests overlap, short enough to bench. */
const UPSTREAM_DELAY_MS = 300;
const fakeGemini = await startFakeGemini();
fakeGemini.handle(() => ({ json: BENCH_RECIPE, delayMs: UPSTREAM_DELAY_MS }));

/** Called by run.mjs when everything is measured. */
export const teardown = async () => {
  await fakeGemini.close();
  await savedTeardown();
};

export const servers = {
  "raw-http": { script: join(root, "bench/servers/raw-http.mjs") },
  "trpc-express": { script: join(root, "bench/servers/trpc-express.mjs"), readyPath: "/trpc/hello" },
  "trpc-express-standard": {
    script: join(root, "bench/servers/trpc-express-standard.mjs"),
    readyPath: "/trpc/hello",
    env: { LOG_LEVEL: "info" },
  },
  sous: {
    script: join(root, "apps/server/dist/main.js"),
    readyPath: "/readyz",
    // Embedded defaults (PGlite on disk, in-memory limits), logging every request as in production; only the
    // rate limit is raised so the load is measured, not throttled.
    env: () => ({
      NODE_ENV: "development",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-bench-")),
      RATE_LIMIT_PER_MINUTE: "1000000000",
      LOG_LEVEL: "info",
    }),
  },
  // The same server with Gemini enabled (GEMINI_BASE_URL at the fake above) and the in-process answer cache.
  // AI quota and concurrency are raised like the rate limit: every call counts, cache hits too.
  "sous-gemini": {
    script: join(root, "apps/server/dist/main.js"),
    readyPath: "/readyz",
    env: () => ({
      NODE_ENV: "development",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-bench-")),
      RATE_LIMIT_PER_MINUTE: "1000000000",
      AI_REQUESTS_PER_DAY_ANONYMOUS: "1000000000",
      AI_CONCURRENCY_PER_CALLER: "100000",
      GEMINI_API_KEY: "bench-key",
      GEMINI_BASE_URL: fakeGemini.url,
      GEMINI_MODEL: "gemini-bench",
      LOG_LEVEL: "info",
    }),
  },
  ...savedServers,
};

/** A GET of `path` by a user signed in once (dev sign-in) with a Bearer access token. */
function signedInQuery(path, email) {
  return async (url) => {
    const { accessToken } = await devSignIn(url, email);
    return { path, headers: { authorization: `Bearer ${accessToken}` } };
  };
}

export const scenarios = [
  {
    name: "raw-http",
    label: "(a) node:http, small JSON",
    server: "raw-http",
    prepare: async () => ({ path: "/" }),
  },
  {
    name: "trpc-express",
    label: "(b) bare tRPC on Express (the adapter Sous uses), hello query",
    server: "trpc-express",
    prepare: async () => ({ path: "/trpc/hello" }),
  },
  {
    name: "trpc-express-standard",
    label: "(b2) (b) behind the standard HTTP middleware: request id, access log, helmet, CORS",
    server: "trpc-express-standard",
    prepare: async () => ({ path: "/trpc/hello" }),
  },
  {
    name: "sous-auth-me",
    label: "(c) Sous full stack, auth.me with a Bearer token",
    server: "sous",
    prepare: signedInQuery("/trpc/auth.me", "bench@sous.test"),
  },
  {
    // The same stack and credential on a procedure that reads no database (the AI quota, kept in memory):
    // what Sous's middleware and auth cost without auth.me's row lookup, which on PGlite dominates (c).
    name: "sous-quota",
    label: "(c2) Sous full stack, recipe.quota with a Bearer token",
    server: "sous",
    prepare: signedInQuery("/trpc/recipe.quota", "bench-quota@sous.test"),
  },
  {
    name: "sous-recipe-hit",
    label: "(d) Sous full stack, recipe.generate cache hit",
    server: "sous-gemini",
    prepare: async (url) => {
      const request = recipeRequest("pad thai");
      const first = await post(url, request); // the one upstream call; every measured call is a hit
      if (first.cached) throw new Error("recipe.generate: the first call of a fresh server should not be cached");
      const check = await post(url, request);
      if (!check.cached) throw new Error("recipe.generate: the second call should be a cache hit");
      return request;
    },
  },
  ...savedScenarios,
];

export const comparisons = [
  // The middleware target is judged on the trivial authenticated call (c2): the same stack and credential as
  // auth.me, without auth.me's row lookup, which measures the database rather than Sous's middleware.
  { label: "Sous trivial authenticated call vs bare tRPC-Express hello (c2/b)", scenario: "sous-quota", baseline: "trpc-express", min: 0.85 },
  { label: "recipe.generate cache hit vs bare tRPC-Express hello (d/b)", scenario: "sous-recipe-hit", baseline: "trpc-express", min: 0.7 },
  { label: "Sous auth.me (one row read) vs bare tRPC (c/b)", scenario: "sous-auth-me", baseline: "trpc-express" },
  // How much of the c2/b budget the standard HTTP middleware alone takes, and what Sous adds beyond it.
  { label: "standard HTTP middleware alone vs bare tRPC-Express (b2/b)", scenario: "trpc-express-standard", baseline: "trpc-express" },
  { label: "Sous trivial authenticated call vs (b) behind the same middleware (c2/b2)", scenario: "sous-quota", baseline: "trpc-express-standard" },
  { label: "recipe.generate cache hit vs (b) behind the same middleware (d/b2)", scenario: "sous-recipe-hit", baseline: "trpc-express-standard" },
  { label: "bare tRPC-Express vs raw node:http (b/a)", scenario: "trpc-express", baseline: "raw-http" },
  { label: "Sous trivial call vs raw node:http (c2/a)", scenario: "sous-quota", baseline: "raw-http" },
  ...savedComparisons,
];

/**
 * One-shot measurements, run once per round after the load scenarios: `run(url, round)` returns a result
 * with `summary` (printed per round) and the numbers `report` (printed once) aggregates over rounds.
 */
export const probes = [
  ...savedProbes,
  {
    name: "recipe-cold-100",
    label: "100 concurrent identical cold recipe.generate",
    server: "sous-gemini",
    async run(url, round) {
      // A dish no earlier round asked for, so every round starts cold (and the server's cache is fresh).
      const request = recipeRequest(COLD_DISHES[round % COLD_DISHES.length]);
      const before = fakeGemini.calls;
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const t = performance.now();
          const response = await fetch(url + request.path, request);
          await response.arrayBuffer();
          return { ok: response.ok, ms: performance.now() - t };
        }),
      );
      const wallMs = performance.now() - started;
      const upstream = fakeGemini.calls - before;
      const ok = answers.filter((a) => a.ok).length;
      const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
      return {
        ok,
        upstream,
        wallMs,
        p50Ms: latencies[49],
        maxMs: latencies[99],
        summary: `${ok}/100 ok, ${upstream} upstream call(s), all answered in ${wallMs.toFixed(0)} ms`,
      };
    },
    report(results) {
      const wall = median(results.map((r) => r.wallMs));
      const upstream = results.map((r) => r.upstream);
      const failed = results.some((r) => r.ok !== 100 || r.upstream !== 1);
      return [
        `upstream calls per round ${upstream.join(", ")} (target: exactly 1 each)${failed ? "  FAIL" : "  PASS"}`,
        `median wall time for all 100 ${wall.toFixed(0)} ms (upstream takes ${UPSTREAM_DELAY_MS} ms), ` +
          `median p50 ${median(results.map((r) => r.p50Ms)).toFixed(0)} ms, max ${Math.max(...results.map((r) => r.maxMs)).toFixed(0)} ms`,
      ];
    },
  },
];

const COLD_DISHES = ["green curry", "beef stew", "lentil soup", "mushroom risotto", "fish tacos", "shakshuka", "ramen"];

function recipeRequest(dish) {
  return {
    path: "/trpc/recipe.generate",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { dish } }),
  };
}

async function post(url, request) {
  const response = await fetch(url + request.path, request);
  if (!response.ok) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
  return (await response.json()).result.data.json;
}

async function devSignIn(url, email) {
  const response = await fetch(`${url}/trpc/auth.signInDev`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, transport: "body" } }),
  });
  if (!response.ok) throw new Error(`dev sign-in failed: ${response.status} ${await response.text()}`);
  return (await response.json()).result.data.json;
}
