/**
 * The daily AI quota per caller (user, else IP) and the cap on a caller's concurrent AI calls. Days are UTC.
 *
 * With Redis both counters are shared by every server process: the day count in a key per subject per day,
 * raised only while under the limit (so `used` never passes `limit`), and the concurrency count in a key that
 * expires, so slots held by a crashed process free themselves. When Redis is down or erroring the call is
 * counted in memory instead: a broken Redis must not lock users out.
 */
import type { Quota } from "@sous/schemas";
import type { Redis } from "../adapters/redis.js";
import { withTimeout } from "../adapters/with-timeout.js";
import { QuotaExceededError, RateLimitedError } from "../errors.js";
import { nextUtcMidnight, utcDay } from "./utc-day.js";
import { createMemoryQuotaStore, createRedisQuotaStore, type QuotaStore } from "./quota.store.js";

export type QuotaSubject = { userId: string } | { ip: string };

export interface AiQuotaOptions {
  redis?: Redis | undefined;
  perDaySignedIn: number;
  perDayAnonymous: number;
  concurrencyPerSubject: number;
  clock?: () => Date;
  /** Namespaces the Redis keys. Default "sous:quota:". */
  keyPrefix?: string;
  /** Past this many milliseconds a Redis answer is not waited for; memory counts the call. Default 250. */
  redisTimeoutMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * Ends a call that `acquire` admitted: gives its concurrency slot back and, with `refund`, the day's unit too
 * (the call failed on our side or upstream's: failed generations spend no quota).
 */
export type QuotaRelease = (outcome?: { refund?: boolean }) => void;

export interface AiQuota {
  /** Counts one AI call and takes a concurrency slot; call the returned function when the call ends. */
  acquire(subject: QuotaSubject): Promise<QuotaRelease>;
  status(subject: QuotaSubject): Promise<Quota>;
}

/** How a subject is named in counters and in the ai_usage table: the user id, or "ip:<address>". */
export function quotaSubjectKey(subject: QuotaSubject): string {
  return "userId" in subject ? subject.userId : `ip:${subject.ip}`;
}

/** Retry hint when only the concurrency cap refused: a running call usually ends within seconds. */
const CONCURRENCY_RETRY_SECONDS = 2;
const WARN_INTERVAL_MS = 10_000;

export function createAiQuota(options: AiQuotaOptions): AiQuota {
  const clock = options.clock ?? (() => new Date());
  const memory = createMemoryQuotaStore();
  const shared = options.redis ? createRedisQuotaStore(options.redis, options.keyPrefix ?? "sous:quota:") : undefined;
  const warn = throttledWarning(options.logger);
  const redisTimeoutMs = options.redisTimeoutMs ?? 250;
  const limitOf = (subject: QuotaSubject) =>
    "userId" in subject ? options.perDaySignedIn : options.perDayAnonymous;

  /** Runs `use` on Redis, or on memory when there is no Redis or it fails; reports which store answered. */
  async function withStore<T>(use: (store: QuotaStore) => Promise<T>): Promise<{ result: T; store: QuotaStore }> {
    if (shared) {
      try {
        return { result: await withTimeout(use(shared), redisTimeoutMs, "AI quota on Redis"), store: shared };
      } catch (error) {
        warn(error);
      }
    }
    return { result: await use(memory), store: memory };
  }

  return {
    async acquire(subject) {
      const key = quotaSubjectKey(subject);
      const now = clock();
      const slot = await withStore((store) => store.enter(key, options.concurrencyPerSubject));
      if (!slot.result) throw new RateLimitedError(CONCURRENCY_RETRY_SECONDS, "Too many AI requests at once");
      const day = utcDay(now);
      let counted: QuotaStore | undefined;
      let released = false;
      const release: QuotaRelease = (outcome) => {
        if (released) return;
        released = true;
        // The slot goes back to the store that gave it; a failure there is left to the slot's expiry.
        slot.store.leave(key).catch((error: unknown) => warn(error));
        // So does the day's unit, to the store that counted it (the day it was counted on).
        if (outcome?.refund && counted) counted.uncount(key, day).catch((error: unknown) => warn(error));
      };
      try {
        const msLeftToday = nextUtcMidnight(now).getTime() - now.getTime();
        const count = await withStore((store) => store.count(key, day, limitOf(subject), msLeftToday));
        if (!count.result) throw new QuotaExceededError(msLeftToday / 1000);
        counted = count.store;
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },

    async status(subject) {
      const now = clock();
      const limit = limitOf(subject);
      const { result: counted } = await withStore((store) => store.used(quotaSubjectKey(subject), utcDay(now)));
      const used = Math.min(counted, limit);
      return { limit, used, remaining: limit - used, resetsAt: nextUtcMidnight(now) };
    },
  };
}

function throttledWarning(logger: AiQuotaOptions["logger"]) {
  let last = Number.NEGATIVE_INFINITY;
  return (error: unknown) => {
    const now = Date.now();
    if (!logger || now - last < WARN_INTERVAL_MS) return;
    last = now;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ event: "quota_degraded", err: { message } }, "AI quota: Redis unavailable, counting in memory");
  };
}
