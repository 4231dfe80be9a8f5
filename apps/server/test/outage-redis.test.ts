import { setTimeout as sleep } from "node:timers/promises";
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { geminiEnv, omelette } from "./ai-support.js";
import { startTestServer, type TestServer } from "./harness.js";
import { startOwnRedis, type OwnRedis } from "./own-services.js";

/** Issue 9, item 3, on a redis-server this file starts and kills (SIGKILL) itself. */
const own = await startOwnRedis();

describe.runIf(own)("Redis killed under a running server: degraded, not down", () => {
  const redis = own as OwnRedis;
  let fake: FakeGemini;
  let server: TestServer;
  const figures: Record<string, number> = {};
  beforeAll(async () => {
    fake = await startFakeGemini();
    server = await startTestServer({ env: geminiEnv(fake, { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: "40" }) });
  }, 60_000);
  afterAll(async () => {
    console.info("redis outage figures:", JSON.stringify(figures));
    await server?.stop();
    await fake?.close();
    await redis.kill();
  });

  const readyz = async () => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, boolean> } };
  };
  const generate = async (dish: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/trpc/recipe.generate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { dish } }),
    });
    const body = (await response.json()) as { result?: { data: { json: { cached: boolean } } } };
    return { status: response.status, cached: body.result?.data.json.cached, ms: performance.now() - started };
  };

  it("is ready with Redis; after the kill /readyz stays 200 with status degraded and cache false", async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ready", checks: { db: true, cache: true, ai: true } } });
    await redis.kill();
    const killedAt = performance.now();
    let answer = await readyz();
    while (answer.body.checks.cache && performance.now() - killedAt < 5_000) {
      await sleep(100);
      answer = await readyz();
    }
    figures.readyzDegradedAfterMs = Math.round(performance.now() - killedAt);
    expect(answer).toMatchObject({ status: 200, body: { status: "degraded", checks: { db: true, cache: false, ai: true } } });
  });

  it("15 identical generations during the outage cost at most 2 upstream calls, none hangs", async () => {
    fake.reset();
    fake.handle(() => ({ json: omelette, delayMs: 100 }));
    const results = [];
    for (let i = 0; i < 15; i++) results.push(await generate("French omelette"));
    figures.upstreamCallsFor15 = fake.calls;
    figures.slowestGenerationMs = Math.round(Math.max(...results.map((r) => r.ms)));
    expect(results.map((r) => r.status)).toEqual(Array(15).fill(200));
    expect(fake.calls).toBeGreaterThanOrEqual(1);
    expect(fake.calls).toBeLessThanOrEqual(2);
    expect(results.filter((r) => r.cached).length).toBeGreaterThanOrEqual(13);
    expect(figures.slowestGenerationMs).toBeLessThan(3_000);
  });

  it("rate limits keep their memory insurance while Redis is down", async () => {
    // 40 calls a minute per caller (this anonymous caller, 127.0.0.1, spent 15 on the generations above).
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const response = await fetch(`${server.url}/trpc/recipe.quota`);
      await response.text();
      statuses.push(response.status);
    }
    figures.rateLimitedOf45 = statuses.filter((s) => s === 429).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});
