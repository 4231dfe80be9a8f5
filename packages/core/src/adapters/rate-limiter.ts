/**
 * The RequestLimiter port on rate-limiter-flexible. With a Redis client the budget is shared by every server
 * process; an in-memory limiter insures it, so when Redis is down, slow or erroring each process keeps
 * limiting on its own instead of refusing honest callers or making them wait. Without Redis the memory
 * limiter is the limiter.
 *
 * Only an over-budget answer becomes RateLimitedError. Any other failure is logged and the call is allowed:
 * a broken limiter must never turn into 429s or hangs.
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from "rate-limiter-flexible";
import { RateLimitedError } from "../errors.js";
import type { RequestLimiter } from "../ports/limiter.js";
import type { CoreLogger as Logger } from "../logger.js";
import type { Redis } from "./redis.js";

export interface RateLimiterOptions {
  /** Calls allowed per key per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
  /** Namespaces the keys in Redis, so several limiters can share one instance. */
  keyPrefix: string;
  redis?: Redis | undefined;
  /** Past this many milliseconds a Redis answer is not waited for; the memory insurance decides. */
  redisTimeoutMs?: number;
  logger: Logger;
}

/** At most one warning per this many milliseconds while the limiter keeps failing. */
const WARN_INTERVAL_MS = 10_000;

export function createRateLimiter(options: RateLimiterOptions): RequestLimiter {
  const { points, durationSeconds: duration, keyPrefix, logger } = options;
  const warn = throttledWarning(logger, keyPrefix);
  let limiter: { consume(key: string, points: number): Promise<RateLimiterRes> };

  if (options.redis) {
    // Redis answers go through the insurance when they fail: RateLimiterRedis hands it errors and "not
    // ready", the timeout wrapper hands it calls Redis is too slow to answer.
    const insurance = new InsuranceLimiter({ points, duration, keyPrefix }, () =>
      warn(undefined, "rate limiter: Redis unavailable or slow, limiting in memory"),
    );
    const shared = new RateLimiterRedis({
      storeClient: options.redis,
      points,
      duration,
      keyPrefix,
      insuranceLimiter: insurance,
      // Skip Redis at once while it is not connected, rather than wait for a command to fail.
      rejectIfRedisNotReady: true,
      // Once a key is over budget, refuse it from memory until its window ends instead of asking Redis
      // again for every call of an abusive client.
      inMemoryBlockOnConsumed: points + 1,
    });
    limiter = new RLWrapperTimeouts({
      limiter: shared,
      timeoutMs: options.redisTimeoutMs ?? 250,
      insuranceLimiter: insurance,
    });
  } else {
    limiter = new RateLimiterMemory({ points, duration, keyPrefix });
  }

  return {
    async consume(key: string, cost = 1): Promise<void> {
      try {
        await limiter.consume(key, cost);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw new RateLimitedError(error.msBeforeNext / 1000);
        warn(error, "rate limiter failed; allowing the call");
      }
    },
    // The Redis client belongs to whoever created it (it is shared with the cache); nothing to release here.
    async close(): Promise<void> {},
  };
}

/** The memory limiter that stands in for Redis, noting each time it has to. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>): Promise<RateLimiterRes> {
    this.onUse();
    return super.consume(...args);
  }
}

/** One warning per interval while a failure lasts: an outage must show in the logs without flooding them. */
function throttledWarning(logger: Logger, keyPrefix: string) {
  let last = Number.NEGATIVE_INFINITY;
  return (error: unknown, message: string) => {
    const now = Date.now();
    if (now - last < WARN_INTERVAL_MS) return;
    last = now;
    logger.warn({ keyPrefix, ...(error === undefined ? {} : { err: error }) }, message);
  };
}
