// AI cost figures for `pnpm bench` (issue 10): how many upstream calls 100 concurrent identical cold
// recipe.generateStream subscriptions cause, and how large one recipe call's input is (characters of the
// request body, and input tokens as the fake Gemini estimates them from what the model reads). Counts, not
// timings: they do not depend on the machine. Its own Sous server and fake Gemini, so nothing else's cache
// or counters interfere.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import superjson from "superjson";
import { estimatePromptTokens, startFakeGemini } from "@sous/testkit";
import { BENCH_RECIPE } from "./recipe.mjs";
import { startServer } from "./servers.mjs";

const root = new URL("../..", import.meta.url).pathname;
const CONCURRENT_STREAMS = 100;

/** One SSE subscription read to its end: the number of partial events and whether a done event came. */
async function subscribe(url, input) {
  const query = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const response = await fetch(`${url}/trpc/recipe.generateStream?input=${query}`, { headers: { accept: "text/event-stream" } });
  const text = await response.text();
  const data = text.split("\n").filter((line) => line.startsWith("data: "));
  return { partials: data.filter((line) => line.includes('"partial"')).length, done: data.some((line) => line.includes('"done"')) };
}

async function generate(url, input) {
  const response = await fetch(`${url}/trpc/recipe.generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  if (!response.ok) throw new Error(`recipe.generate: ${response.status} ${await response.text()}`);
}

export async function measureAiCost({ logDir }) {
  const fake = await startFakeGemini();
  // A streamed answer in 20 chunks over about three seconds: long enough for all subscribers to arrive cold.
  fake.handle(() => ({ json: BENCH_RECIPE, chunks: 20, chunkDelayMs: 150 }));
  const server = await startServer({
    name: "sous-ai-cost",
    script: join(root, "apps/server/dist/main.js"),
    readyPath: "/readyz",
    logDir,
    env: {
      NODE_ENV: "development",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-bench-ai-")),
      RATE_LIMIT_PER_MINUTE: "1000000000",
      AI_REQUESTS_PER_DAY_ANONYMOUS: "1000000000",
      AI_CONCURRENCY_PER_CALLER: "100000",
      GEMINI_API_KEY: "bench-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_MODEL: "gemini-2.5-flash",
      LOG_LEVEL: "warn",
    },
  });
  try {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT_STREAMS }, () => subscribe(server.url, { dish: "bench stream pad thai" })),
    );
    const streamCalls = fake.calls;
    const completed = results.filter((r) => r.done).length;
    const withPartials = results.filter((r) => r.partials > 0).length;

    fake.reset();
    fake.handle(() => ({ json: BENCH_RECIPE }));
    await generate(server.url, { dish: "bench input pad thai", servings: 2, diets: ["vegetarian"], exclude: ["peanuts"] });
    const body = fake.requests[0]?.body ?? {};
    return {
      streams: { subscribers: CONCURRENT_STREAMS, upstreamCalls: streamCalls, completed, withPartials },
      input: { characters: JSON.stringify(body).length, tokens: estimatePromptTokens(body) },
    };
  } finally {
    await server.stop();
    await fake.close();
  }
}

export function reportAiCost(result) {
  const { streams, input } = result;
  return [
    `${streams.subscribers} concurrent identical cold generateStream calls: ${streams.upstreamCalls} upstream call(s); ` +
      `${streams.completed} got the done event, ${streams.withPartials} got partials (before issue 10: ${streams.subscribers} upstream calls)`,
    `one recipe call's input: ${input.characters} characters of request body, ${input.tokens} input tokens (fake's estimate) ` +
      "(before issue 10: 3711 characters, 896 tokens)",
  ];
}
