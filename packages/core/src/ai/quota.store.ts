/**
 * Where the AI quota keeps its counters: Redis (shared by every process) or process memory (the fallback and
 * the embedded default). Each operation is one atomic step, so concurrent calls never over-count.
 */
import type { Redis } from "../adapters/redis.js";

export interface QuotaStore {
  /** Takes a concurrency slot; false when `cap` slots are taken. */
  enter(subject: string, cap: number): Promise<boolean>;
  leave(subject: string): Promise<void>;
  /** Counts one call on `day` unless `limit` calls are counted already; false then. */
  count(subject: string, day: string, limit: number, msLeftToday: number): Promise<boolean>;
  used(subject: string, day: string): Promise<number>;
  /** Gives back one call counted on `day` (a failed generation), never below zero. */
  uncount(subject: string, day: string): Promise<void>;
}

/** Slots of a process that died without releasing them free themselves this long after the last acquire. */
const SLOT_TTL_MS = 2 * 60_000;
/** Day counters outlive their day a little, so a clock skew between processes never resets one early. */
const DAY_SLACK_MS = 60 * 60_000;

const ENTER = `
local n = redis.call("incr", KEYS[1])
redis.call("pexpire", KEYS[1], ARGV[2])
if n > tonumber(ARGV[1]) then redis.call("decr", KEYS[1]) return 0 end
return 1`;
/** Decrements a counter that exists and is above zero (LEAVE a slot, UNCOUNT a failed call). */
const DECREMENT = `if tonumber(redis.call("get", KEYS[1]) or "0") > 0 then redis.call("decr", KEYS[1]) end return 1`;
const COUNT = `
if tonumber(redis.call("get", KEYS[1]) or "0") >= tonumber(ARGV[1]) then return 0 end
redis.call("incr", KEYS[1])
redis.call("pexpire", KEYS[1], ARGV[2])
return 1`;

export function createRedisQuotaStore(redis: Redis, prefix: string): QuotaStore {
  const slotKey = (subject: string) => `${prefix}active:${subject}`;
  const dayKey = (subject: string, day: string) => `${prefix}day:${day}:${subject}`;
  // Not even tried while disconnected, so an outage costs nothing and the memory store answers at once.
  const connected = () => {
    if (redis.status !== "ready") throw new Error(`redis not ready (${redis.status})`);
  };
  return {
    async enter(subject, cap) {
      connected();
      return (await redis.eval(ENTER, 1, slotKey(subject), cap, SLOT_TTL_MS)) === 1;
    },
    async leave(subject) {
      connected();
      await redis.eval(DECREMENT, 1, slotKey(subject));
    },
    async count(subject, day, limit, msLeftToday) {
      connected();
      // The key names its day, so the expiry only cleans up; it is relative, so an injected clock works too.
      const ttlMs = Math.ceil(Math.max(1, msLeftToday) + DAY_SLACK_MS);
      return (await redis.eval(COUNT, 1, dayKey(subject, day), limit, ttlMs)) === 1;
    },
    async used(subject, day) {
      connected();
      return Number((await redis.get(dayKey(subject, day))) ?? 0);
    },
    async uncount(subject, day) {
      connected();
      await redis.eval(DECREMENT, 1, dayKey(subject, day));
    },
  };
}

export function createMemoryQuotaStore(): QuotaStore {
  const active = new Map<string, number>();
  let today = "";
  let counts = new Map<string, number>();
  // Only the current day is kept: the first call of a new day drops the old counts.
  const countsOf = (day: string) => {
    if (day !== today) {
      today = day;
      counts = new Map();
    }
    return counts;
  };
  return {
    async enter(subject, cap) {
      const n = active.get(subject) ?? 0;
      if (n >= cap) return false;
      active.set(subject, n + 1);
      return true;
    },
    async leave(subject) {
      const n = active.get(subject) ?? 0;
      if (n <= 1) active.delete(subject);
      else active.set(subject, n - 1);
    },
    async count(subject, day, limit) {
      const dayCounts = countsOf(day);
      const n = dayCounts.get(subject) ?? 0;
      if (n >= limit) return false;
      dayCounts.set(subject, n + 1);
      return true;
    },
    async used(subject, day) {
      return countsOf(day).get(subject) ?? 0;
    },
    async uncount(subject, day) {
      // A refund after midnight has nothing to give back: the new day started from zero.
      if (day !== today) return;
      const n = counts.get(subject) ?? 0;
      if (n <= 1) counts.delete(subject);
      else counts.set(subject, n - 1);
    },
  };
}
