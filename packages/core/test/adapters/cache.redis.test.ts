import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  closeRedis,
  createRedis,
  createRedisAnswerCache,
  silentLogger,
  waitForRedis,
} from "../../src/index.js";
import { redisSession } from "../support/redis-session.js";
import { startSilentRedis } from "./silent-redis.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL not set: answer cache tests on real Redis skipped on this run");

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, warn: (_obj: object, message: string) => void warnings.push(message) };
}

/** A compute function that counts its calls and takes `ms` to answer. */
function slowCompute<T>(value: T, ms: number) {
  const counter = { calls: 0 };
  const compute = async () => {
    counter.calls++;
    await sleep(ms);
    return value;
  };
  return { counter, compute };
}

describe("Redis answer cache with Redis unreachable", () => {
  it("falls back to an in-process cache, promptly, and logs the outage", async () => {
    const logger = recordingLogger();
    const redis = createRedis("redis://127.0.0.1:1", silentLogger, { connectTimeoutMs: 200 });
    try {
      const cache = createRedisAnswerCache(redis, { prefix: `sous-test:${randomUUID()}:`, logger });
      const started = performance.now();
      const first = await cache.getOrCompute("k", 60, async () => ({ title: "Pho" }));
      const second = await cache.getOrCompute("k", 60, async () => ({ title: "Pho again" }));
      expect(performance.now() - started).toBeLessThan(200);
      expect(first).toEqual({ value: { title: "Pho" }, cached: false });
      // The repeat is answered from this process: nothing computed again while Redis is down.
      expect(second).toEqual({ value: { title: "Pho" }, cached: true });
      await expect(cache.set("k2", 1, 60)).resolves.toBeUndefined();
      expect(await cache.get("k2")).toBe(1);
      expect(await cache.ping()).toBe(false);
      expect(logger.warnings).toContain("answer cache: Redis unavailable, using the in-process cache");
    } finally {
      await closeRedis(redis);
    }
  });

  it("does not wait long for a Redis that accepted the connection and stopped answering", async () => {
    const silent = await startSilentRedis();
    const redis = createRedis(silent.url, silentLogger);
    try {
      expect(await waitForRedis(redis, 2_000)).toBe(true);
      const cache = createRedisAnswerCache(redis, { prefix: "t:", redisTimeoutMs: 100, logger: silentLogger });
      const started = performance.now();
      expect(await cache.getOrCompute("k", 60, async () => "answer")).toEqual({ value: "answer", cached: false });
      expect(performance.now() - started).toBeLessThan(500);
      expect(silent.swallowed).toContain("GET");
    } finally {
      redis.disconnect();
      await silent.close();
    }
  });
});

describe.runIf(redisUrl)("Redis answer cache on real Redis", () => {
  const { connect, newPrefix } = redisSession(redisUrl ?? "");

  it("misses, stores as JSON, then hits; get and set work on their own", async () => {
    const cache = createRedisAnswerCache(await connect(), { prefix: newPrefix() });
    const { counter, compute } = slowCompute({ title: "Pad Thai", servings: 2 }, 0);
    expect(await cache.getOrCompute("k", 60, compute)).toEqual({ value: { title: "Pad Thai", servings: 2 }, cached: false });
    expect(await cache.getOrCompute("k", 60, compute)).toEqual({ value: { title: "Pad Thai", servings: 2 }, cached: true });
    expect(counter.calls).toBe(1);
    await cache.set("other", [1, 2], 60);
    expect(await cache.get("other")).toEqual([1, 2]);
    expect(await cache.get("missing")).toBeUndefined();
    expect(await cache.ping()).toBe(true);
  });

  it("expires entries after their TTL", async () => {
    const cache = createRedisAnswerCache(await connect(), { prefix: newPrefix() });
    await cache.getOrCompute("k", 0.2, async () => "v1");
    expect(await cache.get("k")).toBe("v1");
    await sleep(300);
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.getOrCompute("k", 60, async () => "v2")).toEqual({ value: "v2", cached: false });
  });

  it("single-flight across processes: 2 clients x 50 concurrent calls compute once in total", async () => {
    const prefix = newPrefix();
    const [a, b] = [await connect(), await connect()];
    const first = createRedisAnswerCache(a, { prefix, pollMs: 20 });
    const second = createRedisAnswerCache(b, { prefix, pollMs: 20 });
    const { counter, compute } = slowCompute({ title: "Ramen" }, 200);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => first.getOrCompute("ramen", 60, compute)),
      ...Array.from({ length: 50 }, () => second.getOrCompute("ramen", 60, compute)),
    ]);
    expect(counter.calls).toBe(1);
    expect(results.every(({ value }) => value.title === "Ramen")).toBe(true);
    expect(results.filter(({ cached }) => !cached)).toHaveLength(1);
  });

  it("does not cache a failure: in-process waiters get the error, the other process computes itself", async () => {
    const prefix = newPrefix();
    const [a, b] = [await connect(), await connect()];
    const first = createRedisAnswerCache(a, { prefix, pollMs: 10 });
    const second = createRedisAnswerCache(b, { prefix, pollMs: 10 });
    let failures = 0;
    const failing = async () => {
      failures++;
      await sleep(100);
      throw new Error("upstream down");
    };
    const firstFlight = Array.from({ length: 5 }, () => first.getOrCompute("k", 60, failing));
    await sleep(20); // first holds the lock now
    const started = performance.now();
    const fromSecond = second.getOrCompute("k", 60, async () => "recovered");
    const settled = await Promise.allSettled(firstFlight);
    expect(settled.map((result) => result.status)).toEqual(Array(5).fill("rejected"));
    expect(failures).toBe(1);
    // The lock was released with the failure, so the waiting process took over at once.
    expect(await fromSecond).toEqual({ value: "recovered", cached: false });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await first.get("k")).toBe("recovered");
  });

  it("never hangs behind a stuck lock holder: computes itself after waitTimeoutMs", async () => {
    const prefix = newPrefix();
    const [a, b] = [await connect(), await connect()];
    const stuck = createRedisAnswerCache(a, { prefix, lockTtlMs: 10_000 });
    const waiting = createRedisAnswerCache(b, { prefix, waitTimeoutMs: 300, pollMs: 20 });
    const holder = stuck.getOrCompute("k", 60, async () => {
      await sleep(1_500);
      return "late";
    });
    await sleep(30);
    const started = performance.now();
    expect(await waiting.getOrCompute("k", 60, async () => "own")).toEqual({ value: "own", cached: false });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(1_000);
    await holder;
  });

  it("keeps answering when its Redis goes away mid-life", async () => {
    const redis = await connect();
    const cache = createRedisAnswerCache(redis, { prefix: newPrefix(), logger: silentLogger });
    await cache.getOrCompute("k", 60, async () => "cached");
    redis.disconnect();
    const started = performance.now();
    expect(await cache.getOrCompute("k", 60, async () => "fresh")).toEqual({ value: "fresh", cached: false });
    expect(performance.now() - started).toBeLessThan(100);
  });
});
