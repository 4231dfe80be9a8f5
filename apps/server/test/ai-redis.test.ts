import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, silentLogger, waitForRedis, type Redis } from "@sous/core";
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminiEnv, omelette } from "./ai-support.js";
import { startTestServer, type TestServer } from "./harness.js";
import { spawnServer, type ServerProcess } from "./server-process.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL not set: AI cache and single-flight on real Redis skipped on this run");

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A model name no earlier run used: it is part of every cache key, so runs sharing one Redis never collide. */
const freshModel = () => `gemini-test-${randomBytes(4).toString("hex")}`;

/** recipe.generate over raw HTTP (what any client sends), returning the parsed result. */
async function generate(url: string, dish: string): Promise<{ cached: boolean; source: string; recipe: { title: string } }> {
  const response = await fetch(`${url}/trpc/recipe.generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { dish } }),
  });
  const body = (await response.json()) as { result?: { data: { json: never } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`recipe.generate failed: ${response.status} ${JSON.stringify(body)}`);
  return body.result.data.json;
}

describe("AI cache with Redis unreachable", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: geminiEnv(fake, { REDIS_URL: "redis://127.0.0.1:1" }) });
  });
  afterAll(() => server.stop());

  it("still answers (from the in-process cache) and promptly", async () => {
    fake.handle(() => ({ json: omelette }));
    const started = performance.now();
    expect((await generate(server.url, "omelette")).recipe.title).toBe("French Omelette");
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe.runIf(redisUrl)("AI cache and single-flight on real Redis", () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = createRedis(redisUrl ?? "", silentLogger);
    expect(await waitForRedis(redis, 3_000)).toBe(true);
  });
  afterAll(() => closeRedis(redis));

  describe("two in-process servers sharing one Redis", () => {
    const servers: TestServer[] = [];
    beforeAll(async () => {
      const env = geminiEnv(fake, { REDIS_URL: redisUrl ?? "", GEMINI_MODEL: freshModel() });
      servers.push(await startTestServer({ env }), await startTestServer({ env }));
    });
    afterAll(() => Promise.all(servers.map((s) => s.stop())));

    it("identical concurrent requests on both cause one upstream call; later ones are cache hits on either", async () => {
      const [a, b] = servers as [TestServer, TestServer];
      fake.handle(() => ({ json: omelette, delayMs: 300 }));
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => generate(i % 2 ? a.url : b.url, i % 3 ? "French omelette" : "french OMELETTE ")),
      );
      expect(fake.calls).toBe(1);
      expect(results.filter((r) => !r.cached)).toHaveLength(1);
      expect(results.every((r) => r.recipe.title === "French Omelette")).toBe(true);

      expect(await generate(a.url, "french omelette")).toMatchObject({ cached: true });
      expect(await generate(b.url, "french omelette")).toMatchObject({ cached: true });
      expect(fake.calls).toBe(1);
      expect(await redis.keys("sous:ai:*")).not.toHaveLength(0);
    });

    it("a failed upstream answer is not cached: the next request on the other server asks again", async () => {
      const [a, b] = servers as [TestServer, TestServer];
      fake.enqueue({ status: 400 });
      await expect(generate(a.url, "mushroom omelette")).rejects.toThrow(/502/);
      fake.enqueue({ json: omelette });
      expect(await generate(b.url, "mushroom omelette")).toMatchObject({ cached: false });
      expect(fake.calls).toBe(2);
    });
  });

  describe("two server processes sharing one Redis", () => {
    const processes: ServerProcess[] = [];
    beforeAll(async () => {
      const env = { ...geminiEnv(fake, { REDIS_URL: redisUrl ?? "", GEMINI_MODEL: freshModel() }) };
      processes.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
    }, 120_000);
    afterAll(() => Promise.all(processes.map((p) => p.stop())));

    it("fires identical requests at both concurrently → exactly one upstream call", async () => {
      const [a, b] = processes as [ServerProcess, ServerProcess];
      expect(a.pid).not.toBe(b.pid);
      fake.handle(() => ({ json: omelette, delayMs: 400 }));
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => generate(i % 2 ? a.url : b.url, "omelette aux fines herbes")),
      );
      expect(fake.calls).toBe(1);
      expect(results.filter((r) => !r.cached)).toHaveLength(1);
      expect(new Set(results.map((r) => r.recipe.title))).toEqual(new Set(["French Omelette"]));
    });
  });
});
