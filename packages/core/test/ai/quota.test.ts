import { describe, expect, it } from "vitest";
import {
  QuotaExceededError,
  RateLimitedError,
  closeRedis,
  createAiQuota,
  createRedis,
  silentLogger,
  type AiQuotaOptions,
} from "../../src/index.js";
import { redisSession } from "../support/redis-session.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL not set: AI quota tests on real Redis skipped on this run");

/** A clock the test moves; starts one hour before a UTC midnight. */
function testClock(iso = "2030-03-10T23:00:00.000Z") {
  let now = new Date(iso);
  return { clock: () => now, set: (next: string) => void (now = new Date(next)) };
}

const user = { userId: "00000000-0000-4000-8000-000000000001" };
const anonymous = { ip: "203.0.113.7" };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

type Setup = (options: Omit<AiQuotaOptions, "redis" | "keyPrefix">) => Promise<ReturnType<typeof createAiQuota>>;

/** The same behaviour, whichever store counts. */
function quotaContract(name: string, setup: () => Setup) {
  describe(`AI quota (${name})`, () => {
    it("allows N calls a day, then QuotaExceededError with the seconds to UTC midnight", async () => {
      const time = testClock();
      const quota = await setup()({ perDaySignedIn: 3, perDayAnonymous: 1, concurrencyPerSubject: 5, clock: time.clock });
      for (let i = 0; i < 3; i++) (await quota.acquire(user))();
      const error = await rejection(quota.acquire(user));
      expect(error).toBeInstanceOf(QuotaExceededError);
      expect((error as QuotaExceededError).code).toBe("TOO_MANY_REQUESTS");
      expect((error as QuotaExceededError).retryAfterSeconds).toBe(3600);
      expect(await quota.status(user)).toEqual({
        limit: 3,
        used: 3,
        remaining: 0,
        resetsAt: new Date("2030-03-11T00:00:00.000Z"),
      });
      // Anonymous callers have their own (smaller) allowance, per IP.
      (await quota.acquire(anonymous))();
      await expect(quota.acquire(anonymous)).rejects.toBeInstanceOf(QuotaExceededError);
      expect(await quota.status(anonymous)).toMatchObject({ limit: 1, used: 1, remaining: 0 });
      // A new UTC day starts a new count.
      time.set("2030-03-11T00:00:01.000Z");
      expect(await quota.status(user)).toMatchObject({ used: 0, remaining: 3 });
      (await quota.acquire(user))();
      expect(await quota.status(user)).toEqual({
        limit: 3,
        used: 1,
        remaining: 2,
        resetsAt: new Date("2030-03-12T00:00:00.000Z"),
      });
    });

    it("counts every call: 120 concurrent calls against a limit of 100 let exactly 100 through", async () => {
      const quota = await setup()({
        perDaySignedIn: 100,
        perDayAnonymous: 1,
        concurrencyPerSubject: 1000,
        clock: testClock().clock,
      });
      const settled = await Promise.allSettled(Array.from({ length: 120 }, () => quota.acquire(user)));
      const admitted = settled.filter((result) => result.status === "fulfilled");
      expect(admitted).toHaveLength(100);
      const refused = settled.filter((result) => result.status === "rejected");
      expect(refused.every((result) => result.reason instanceof QuotaExceededError)).toBe(true);
      expect(await quota.status(user)).toMatchObject({ used: 100, remaining: 0 });
    });

    it("caps concurrent calls per subject with a short retry; release frees the slot once", async () => {
      const quota = await setup()({ perDaySignedIn: 50, perDayAnonymous: 50, concurrencyPerSubject: 2, clock: testClock().clock });
      const first = await quota.acquire(user);
      const second = await quota.acquire(user);
      const error = await rejection(quota.acquire(user));
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(5);
      // Another subject is not affected, and the refused call did not count.
      (await quota.acquire(anonymous))();
      expect(await quota.status(user)).toMatchObject({ used: 2 });
      first();
      first(); // a second release must not free a second slot
      const third = await quota.acquire(user);
      await expect(quota.acquire(user)).rejects.toBeInstanceOf(RateLimitedError);
      second();
      third();
      (await quota.acquire(user))();
    });

    it("gives back the concurrency slot of a call refused for the daily quota", async () => {
      const quota = await setup()({ perDaySignedIn: 1, perDayAnonymous: 1, concurrencyPerSubject: 1, clock: testClock().clock });
      const running = await quota.acquire(user);
      running();
      await expect(quota.acquire(user)).rejects.toBeInstanceOf(QuotaExceededError);
      // Were the slot kept, this would be RateLimitedError.
      await expect(quota.acquire(user)).rejects.toBeInstanceOf(QuotaExceededError);
    });
  });
}

quotaContract("in memory", () => async (options) => createAiQuota(options));

describe("AI quota with Redis unreachable", () => {
  it("counts in memory instead of locking users out, promptly", async () => {
    const warnings: string[] = [];
    const redis = createRedis("redis://127.0.0.1:1", silentLogger, { connectTimeoutMs: 200 });
    try {
      const quota = createAiQuota({
        redis,
        perDaySignedIn: 2,
        perDayAnonymous: 1,
        concurrencyPerSubject: 1,
        clock: testClock().clock,
        logger: { warn: (_obj, message) => void warnings.push(message) },
      });
      const started = performance.now();
      (await quota.acquire(user))();
      (await quota.acquire(user))();
      await expect(quota.acquire(user)).rejects.toBeInstanceOf(QuotaExceededError);
      expect(await quota.status(user)).toMatchObject({ used: 2, remaining: 0 });
      expect(performance.now() - started).toBeLessThan(200);
      expect(warnings).toContain("AI quota: Redis unavailable, counting in memory");
    } finally {
      await closeRedis(redis);
    }
  });
});

describe.runIf(redisUrl)("AI quota on real Redis", () => {
  const { connect, newPrefix } = redisSession(redisUrl ?? "");

  quotaContract("on Redis", () => async (options) => createAiQuota({ ...options, redis: await connect(), keyPrefix: newPrefix() }));

  it("shares the day's count and the concurrency cap between processes", async () => {
    const keyPrefix = newPrefix();
    const time = testClock();
    const options = { perDaySignedIn: 3, perDayAnonymous: 1, concurrencyPerSubject: 1, clock: time.clock, keyPrefix };
    const redis = await connect();
    const first = createAiQuota({ ...options, redis });
    const second = createAiQuota({ ...options, redis: await connect() });
    const running = await first.acquire(user);
    await expect(second.acquire(user)).rejects.toBeInstanceOf(RateLimitedError);
    running();
    (await second.acquire(user))();
    (await first.acquire(user))();
    await expect(second.acquire(user)).rejects.toBeInstanceOf(QuotaExceededError);
    expect(await first.status(user)).toMatchObject({ used: 3, remaining: 0 });
    // The day's key expires a little after the day ends (relative to the injected clock), not never.
    const [key] = await redis.keys(`${keyPrefix}day:*`);
    expect(key).toContain("2030-03-10");
    const ttl = await redis.pttl(key ?? "");
    expect(ttl).toBeGreaterThan(3_600_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3_600_000);
  });
});
