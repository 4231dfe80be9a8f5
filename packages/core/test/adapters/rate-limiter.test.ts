import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  RateLimitedError,
  closeRedis,
  createRateLimiter,
  createRedis,
  silentLogger,
  waitForRedis,
  type CoreLogger,
  type Redis,
} from "../../src/index.js";
import { startSilentRedis } from "./silent-redis.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL not set: rate limiter tests on real Redis skipped on this run");

/** Runs `consume` and reports how it ended and how long it took. */
async function timed(run: () => Promise<void>): Promise<{ ms: number; limited: RateLimitedError | undefined }> {
  const started = performance.now();
  try {
    await run();
    return { ms: performance.now() - started, limited: undefined };
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return { ms: performance.now() - started, limited: error };
  }
}

function recordingLogger(): CoreLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warn: (_details, message) => warnings.push(message), warnings };
}

describe("rate limiter in memory", () => {
  it("allows `points` calls per key, then throws RateLimitedError with the seconds left in the window", async () => {
    const limiter = createRateLimiter({ points: 3, durationSeconds: 60, keyPrefix: "t", logger: silentLogger });
    for (let i = 0; i < 3; i++) await limiter.consume("ip:1");
    const over = await timed(() => limiter.consume("ip:1"));
    expect(over.limited?.code).toBe("TOO_MANY_REQUESTS");
    expect(over.limited?.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(over.limited?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own budget.
    await expect(limiter.consume("ip:2")).resolves.toBeUndefined();
  });

  it("counts the cost of a call", async () => {
    const limiter = createRateLimiter({ points: 5, durationSeconds: 60, keyPrefix: "t", logger: silentLogger });
    await limiter.consume("u", 4);
    await expect(limiter.consume("u", 2)).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("rate limiter with Redis unreachable", () => {
  it("serves honest callers at once from the memory insurance, which still limits", async () => {
    const logger = recordingLogger();
    const redis = createRedis("redis://127.0.0.1:1", logger, { connectTimeoutMs: 200 });
    try {
      const limiter = createRateLimiter({ points: 5, durationSeconds: 60, keyPrefix: "t", redis, logger });
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await timed(() => limiter.consume("ip:9")));
      for (const result of results) expect(result.ms).toBeLessThan(100);
      expect(results.slice(0, 5).every((r) => r.limited === undefined)).toBe(true);
      expect(results[5]?.limited).toBeInstanceOf(RateLimitedError);
      expect(logger.warnings).toContain("rate limiter: Redis unavailable or slow, limiting in memory");
    } finally {
      await closeRedis(redis);
    }
  });

  it("does not wait for a Redis that accepted the connection and stopped answering", async () => {
    const silent = await startSilentRedis();
    const redis = createRedis(silent.url, silentLogger);
    try {
      expect(await waitForRedis(redis, 2_000)).toBe(true);
      const limiter = createRateLimiter({
        points: 2,
        durationSeconds: 60,
        keyPrefix: "t",
        redis,
        redisTimeoutMs: 150,
        logger: silentLogger,
      });
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await timed(() => limiter.consume("ip:7")));
      // Redis got the calls (and never answered); each waited only the timeout before the insurance decided.
      expect(silent.swallowed.filter((c) => c.startsWith("EVAL")).length).toBeGreaterThanOrEqual(1);
      for (const result of results) expect(result.ms).toBeLessThan(600);
      expect(results.map((r) => r.limited === undefined)).toEqual([true, true, false]);
    } finally {
      redis.disconnect(); // a polite QUIT would wait for the silent server's reply
      await silent.close();
    }
  });
});

describe.runIf(redisUrl)("rate limiter on real Redis", () => {
  const clients: Redis[] = [];
  const connect = async () => {
    const redis = createRedis(redisUrl ?? "", silentLogger);
    clients.push(redis);
    expect(await waitForRedis(redis, 3_000)).toBe(true);
    return redis;
  };
  afterAll(async () => {
    await Promise.all(clients.map(closeRedis));
  });

  it("keeps the count in Redis and refuses the call after the budget", async () => {
    const redis = await connect();
    const keyPrefix = `sous-test:${randomUUID()}`;
    const limiter = createRateLimiter({ points: 3, durationSeconds: 60, keyPrefix, redis, logger: silentLogger });
    for (let i = 0; i < 3; i++) await limiter.consume("ip:1");
    const over = await timed(() => limiter.consume("ip:1"));
    expect(over.limited?.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(Number(await redis.get(`${keyPrefix}:ip:1`))).toBe(4);
    expect(await redis.pttl(`${keyPrefix}:ip:1`)).toBeGreaterThan(50_000);
    await redis.del(`${keyPrefix}:ip:1`);
  });

  it("shares one budget between two limiters (two server processes) on the same Redis", async () => {
    const [a, b] = [await connect(), await connect()];
    const keyPrefix = `sous-test:${randomUUID()}`;
    const first = createRateLimiter({ points: 5, durationSeconds: 60, keyPrefix, redis: a, logger: silentLogger });
    const second = createRateLimiter({ points: 5, durationSeconds: 60, keyPrefix, redis: b, logger: silentLogger });
    for (let i = 0; i < 3; i++) await first.consume("user:1");
    for (let i = 0; i < 2; i++) await second.consume("user:1");
    await expect(first.consume("user:1")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(second.consume("user:1")).rejects.toBeInstanceOf(RateLimitedError);
    await a.del(`${keyPrefix}:user:1`);
  });

  it("falls back to memory when its Redis goes away mid-life, without refusing or waiting", async () => {
    const redis = await connect();
    const keyPrefix = `sous-test:${randomUUID()}`;
    const limiter = createRateLimiter({ points: 3, durationSeconds: 60, keyPrefix, redis, logger: silentLogger });
    await limiter.consume("ip:3");
    redis.disconnect(); // as if the server died; ioredis starts reconnecting in the background
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await timed(() => limiter.consume("ip:3")));
    for (const result of results) expect(result.ms).toBeLessThan(100);
    expect(results.map((r) => r.limited === undefined)).toEqual([true, true, true, false]);
  });
});
