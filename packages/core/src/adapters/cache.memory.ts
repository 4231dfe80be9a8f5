/**
 * The AnswerCache port in process memory: an LRU bounded in entries with a TTL per entry, and single-flight
 * through a shared promise per key. The embedded default when no Redis is configured.
 */
import { LRUCache } from "lru-cache";
import type { AnswerCache } from "../ports/cache.js";
import { createSingleFlight } from "./single-flight.js";

export interface MemoryAnswerCacheOptions {
  maxEntries: number;
}

export function createMemoryAnswerCache(options: MemoryAnswerCacheOptions): AnswerCache {
  // Values are boxed so any value (even null) can be stored; lru-cache needs non-nullish values.
  const entries = new LRUCache<string, { value: unknown }>({ max: options.maxEntries });
  const flights = createSingleFlight();

  // Callers get their own copy, as they would from Redis, so one caller editing an answer cannot change what
  // the next one is served.
  const read = <T>(key: string): T | undefined => {
    const entry = entries.get(key);
    return entry === undefined ? undefined : structuredClone(entry.value as T);
  };
  const write = (key: string, value: unknown, ttlSeconds: number): void => {
    entries.set(key, { value: structuredClone(value) }, { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
  };

  return {
    async getOrCompute<T>(key: string, ttlSeconds: number, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) {
      const entry = entries.get(key);
      if (entry) return { value: structuredClone(entry.value as T), cached: true };
      const flight = flights.run(
        key,
        async (computeSignal) => {
          const value = await compute(computeSignal);
          write(key, value, ttlSeconds);
          return value;
        },
        signal,
      );
      const value = await flight.promise;
      // A caller that joined another's flight caused no computation: to it the answer is a cached one.
      return flight.joined ? { value: structuredClone(value), cached: true, joined: true } : { value, cached: false };
    },
    async get<T>(key: string) {
      return read<T>(key);
    },
    async set<T>(key: string, value: T, ttlSeconds: number) {
      write(key, value, ttlSeconds);
    },
    async ping() {
      return true;
    },
    async close() {
      entries.clear();
      flights.clear();
    },
  };
}
