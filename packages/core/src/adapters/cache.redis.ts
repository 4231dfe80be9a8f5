/**
 * The AnswerCache port on Redis, shared by every server process. Single-flight works at two levels: callers in
 * one process share a promise per key; across processes a `SET NX PX` lock elects the one that computes, and
 * the others poll for the value it writes. A waiter never hangs: when the lock is released or expires without
 * a value it takes the lock itself, and past `waitTimeoutMs` it computes on its own.
 *
 * The cache must never fail a request: while Redis is down, slow or erroring, this process falls back to an
 * in-process cache with its own single-flight (the embedded default's), so repeats of a question are still
 * answered once, not sent upstream again each time; the outage is logged (throttled). Values are stored as
 * plain JSON (recipes are plain DTOs).
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { AnswerCache } from "../ports/cache.js";
import { createMemoryAnswerCache } from "./cache.memory.js";
import type { Redis } from "./redis.js";
import { createSingleFlight } from "./single-flight.js";
import { withTimeout } from "./with-timeout.js";

export interface RedisAnswerCacheOptions {
  /** Namespaces keys, so several caches (and test runs) can share one Redis. Default "sous:cache:". */
  prefix?: string;
  /** How long a computing process holds the lock; longer than the slowest upstream call. Default 40 s. */
  lockTtlMs?: number;
  /** How long another process waits for the lock holder's value before computing itself. Default 35 s. */
  waitTimeoutMs?: number;
  /** How often a waiting process looks for the value. Default 50 ms. */
  pollMs?: number;
  /** Past this many milliseconds a Redis command is given up on and the answer computed without the cache. */
  redisTimeoutMs?: number;
  /** Answers the in-process fallback keeps while Redis is unavailable. Default 1000. */
  fallbackEntries?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/** Deletes the lock only if this process still holds it (it may have expired and been taken by another). */
const RELEASE_LOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const WARN_INTERVAL_MS = 10_000;

type Lookup<T> = { found: true; value: T } | { found: false };
type Turn<T> = { kind: "hit"; value: T } | { kind: "lock" } | { kind: "timeout" };

export function createRedisAnswerCache(redis: Redis, options: RedisAnswerCacheOptions = {}): AnswerCache {
  const prefix = options.prefix ?? "sous:cache:";
  const lockTtlMs = options.lockTtlMs ?? 40_000;
  const waitTimeoutMs = options.waitTimeoutMs ?? 35_000;
  const pollMs = options.pollMs ?? 50;
  const redisTimeoutMs = options.redisTimeoutMs ?? 500;
  const flights = createSingleFlight();
  const warn = throttledWarning(options.logger);
  // Used only while Redis fails; what it holds is served from this process until it expires or is evicted.
  const fallback = createMemoryAnswerCache({ maxEntries: options.fallbackEntries ?? 1000 });

  const valueKey = (key: string) => `${prefix}v:${key}`;
  const lockKey = (key: string) => `${prefix}lock:${key}`;
  // Commands are not even tried while the client is not connected: with an offline queue they would wait for
  // a reconnect, without one they fail anyway.
  const ready = () => redis.status === "ready";

  async function lookup<T>(key: string): Promise<Lookup<T>> {
    if (!ready()) throw new Error(`redis not ready (${redis.status})`);
    const raw = await withTimeout(redis.get(valueKey(key)), redisTimeoutMs, "redis GET");
    return raw === null ? { found: false } : { found: true, value: (JSON.parse(raw) as { v: T }).v };
  }

  async function store(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (!ready()) throw new Error(`redis not ready (${redis.status})`);
    const ttlMs = Math.max(1, Math.round(ttlSeconds * 1000));
    await withTimeout(redis.set(valueKey(key), JSON.stringify({ v: value }), "PX", ttlMs), redisTimeoutMs, "redis SET");
  }

  async function tryLock(key: string, token: string): Promise<boolean> {
    if (!ready()) throw new Error(`redis not ready (${redis.status})`);
    const taken = redis.set(lockKey(key), token, "PX", lockTtlMs, "NX");
    return (await withTimeout(taken, redisTimeoutMs, "redis SET NX")) === "OK";
  }

  /** Computes and stores; a failure to store is logged, never thrown (the caller still gets its answer). */
  async function computeAndStore<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
    const value = await compute();
    try {
      await store(key, value, ttlSeconds);
    } catch (error) {
      warn(error, "answer cache: could not store a value in Redis; keeping it in process");
      await fallback.set(key, value, ttlSeconds);
    }
    return value;
  }

  /** Waits for this process's turn: a value appears, this process takes the lock, or the wait times out. */
  async function waitForTurn<T>(key: string, token: string, signal: AbortSignal): Promise<Turn<T>> {
    const deadline = performance.now() + waitTimeoutMs;
    for (;;) {
      signal.throwIfAborted();
      const hit = await lookup<T>(key);
      if (hit.found) return { kind: "hit", value: hit.value };
      if (await tryLock(key, token)) return { kind: "lock" };
      if (performance.now() >= deadline) return { kind: "timeout" };
      await sleep(pollMs);
    }
  }

  /** One process's flight for a key: the cached value, or the elected computation, or a bounded wait. */
  async function flight<T>(key: string, ttlSeconds: number, compute: () => Promise<T>, signal: AbortSignal) {
    const token = randomUUID();
    let turn: Turn<T>;
    try {
      turn = await waitForTurn<T>(key, token, signal);
    } catch (error) {
      // Every caller left while this process waited: nothing to compute for anyone.
      if (signal.aborted) throw signal.reason;
      // Redis failed before this process computed anything: answer without the cache. A lock request that
      // timed out may still be granted; the release queued behind it on the connection gives it back. Not
      // awaited: the answer must not wait on a Redis that just failed, and releaseLock never rejects.
      if (ready()) void releaseLock(key, token);
      warn(error, "answer cache: Redis unavailable, using the in-process cache");
      return fallback.getOrCompute(key, ttlSeconds, compute, signal);
    }
    if (turn.kind === "hit") return { value: turn.value, cached: true };
    if (turn.kind === "timeout") {
      warn(undefined, "answer cache: gave up waiting for another process's answer; computing here");
      return { value: await computeAndStore(key, ttlSeconds, compute), cached: false };
    }
    try {
      // The previous holder may have stored the value between our last look and its release of the lock.
      const late = await lookup<T>(key).catch((): Lookup<T> => ({ found: false }));
      if (late.found) return { value: late.value, cached: true };
      return { value: await computeAndStore(key, ttlSeconds, compute), cached: false };
    } finally {
      // Released on failure too, so a waiting process takes over at once instead of waiting for the TTL.
      await releaseLock(key, token);
    }
  }

  function releaseLock(key: string, token: string): Promise<void> {
    return withTimeout(redis.eval(RELEASE_LOCK, 1, lockKey(key), token), redisTimeoutMs, "redis EVAL").then(
      () => undefined,
      () => undefined,
    );
  }

  return {
    async getOrCompute<T>(key: string, ttlSeconds: number, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) {
      // Known down: not even tried (ioredis refuses commands while disconnected anyway).
      if (!ready()) {
        warn(undefined, "answer cache: Redis unavailable, using the in-process cache");
        return fallback.getOrCompute(key, ttlSeconds, compute, signal);
      }
      const shared = flights.run(
        key,
        (computeSignal) => flight(key, ttlSeconds, () => compute(computeSignal), computeSignal),
        signal,
      );
      const result = await shared.promise;
      // A caller that joined this process's flight caused no computation: to it the answer is a cached one.
      return shared.joined ? { value: structuredClone(result.value), cached: true, joined: true } : result;
    },
    async get<T>(key: string) {
      try {
        const hit = await lookup<T>(key);
        return hit.found ? hit.value : undefined;
      } catch (error) {
        warn(error, "answer cache: Redis unavailable, reading the in-process cache");
        return fallback.get<T>(key);
      }
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      try {
        await store(key, value, ttlSeconds);
      } catch (error) {
        warn(error, "answer cache: Redis unavailable, writing the in-process cache");
        await fallback.set(key, value, ttlSeconds);
      }
    },
    async ping() {
      if (!ready()) return false;
      try {
        return (await withTimeout(redis.ping(), redisTimeoutMs, "redis PING")) === "PONG";
      } catch {
        return false;
      }
    },
    // The Redis client belongs to whoever created it (it is shared with the limiters); only local state here.
    async close() {
      flights.clear();
      await fallback.close();
    },
  };
}

/** One warning per interval while a failure lasts: an outage must show in the logs without flooding them. */
function throttledWarning(logger: RedisAnswerCacheOptions["logger"]) {
  let last = Number.NEGATIVE_INFINITY;
  return (error: unknown, message: string) => {
    const now = Date.now();
    if (!logger || now - last < WARN_INTERVAL_MS) return;
    last = now;
    const err = error instanceof Error ? { message: error.message } : undefined;
    logger.warn(err ? { event: "cache_degraded", err } : { event: "cache_degraded" }, message);
  };
}
