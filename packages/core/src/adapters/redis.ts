/**
 * The Redis client shared by the cache and the rate limiter. Its options are chosen so that a Redis outage
 * costs a request at most a few hundred milliseconds, never a hang: commands fail at once while disconnected
 * (no offline queue), a stuck command times out, and reconnection goes on in the background with backoff.
 */
import { Redis } from "ioredis";
import type { CoreLogger as Logger } from "../logger.js";

export type { Redis } from "ioredis";

export interface RedisOptions {
  /** Milliseconds for the TCP connect + handshake. */
  connectTimeoutMs?: number;
  /** Milliseconds before a command with no reply fails. */
  commandTimeoutMs?: number;
}

/** Exponential backoff from 100 ms, capped at 5 s, with jitter so a fleet does not reconnect in step. */
export function redisRetryDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 6), 5_000) + Math.floor(Math.random() * 100);
}

export function createRedis(url: string, logger: Logger, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    maxRetriesPerRequest: 1,
    retryStrategy: redisRetryDelay,
  });

  // Without an 'error' listener ioredis logs every failed reconnect as an unhandled error. One line per
  // outage (plus one when it ends) is what an operator needs, not one per retry.
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: { message: error.message, code: (error as { code?: unknown }).code } }, "redis unavailable");
  });
  redis.on("ready", () => {
    if (down) logger.info({}, "redis reconnected");
    down = false;
  });
  return redis;
}

/**
 * Resolves true once the client is ready; false at its first connection error or after `timeoutMs`. Either
 * way ioredis keeps reconnecting in the background: the caller only learns whether Redis is there now.
 */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      redis.off("error", onError);
      resolve(ready);
    };
    const onReady = () => done(true);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on("ready", onReady);
    redis.on("error", onError);
  });
}

/** Closes the connection politely when it is up, and drops it at once when it is not. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  if (redis.status !== "ready") {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
