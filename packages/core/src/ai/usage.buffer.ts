import type { UsageDelta, UsageRepository } from "@sous/db";
import type { CoreLogger } from "../logger.js";
import type { LlmUsage } from "../ports/llm.js";
import type { UsageService } from "./usage.service.js";
import { utcDay } from "./utc-day.js";

/**
 * Usage recording that adds up in memory and writes once per subject and day every `flushIntervalMs`.
 * Every AI call is recorded, cache hits included, so writing each one would cost a database upsert per call
 * (as much as the rest of a cache hit) and make one busy caller's row a hot spot. Usage is bookkeeping (quotas
 * are enforced elsewhere): at worst a crash loses the last interval. A failed write is kept for the next flush.
 */
export interface BufferedUsage extends UsageService {
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; call before the database closes. */
  close(): Promise<void>;
}

export interface BufferedUsageOptions {
  clock: () => Date;
  logger: CoreLogger;
  /** Default 1000 ms. */
  flushIntervalMs?: number | undefined;
}

interface Pending {
  subject: string;
  day: string;
  delta: UsageDelta;
}

export function createBufferedUsage(repo: UsageRepository, options: BufferedUsageOptions): BufferedUsage {
  const intervalMs = options.flushIntervalMs ?? 1000;
  let pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  function add(subject: string, day: string, delta: UsageDelta): void {
    const key = `${day}|${subject}`;
    const entry = pending.get(key);
    if (!entry) pending.set(key, { subject, day, delta: { ...delta } });
    else {
      entry.delta.calls += delta.calls;
      entry.delta.inputTokens += delta.inputTokens;
      entry.delta.outputTokens += delta.outputTokens;
    }
  }

  async function write(batch: Map<string, Pending>): Promise<void> {
    for (const { subject, day, delta } of batch.values()) {
      try {
        await repo.record(subject, day, delta);
      } catch (error) {
        options.logger.warn({ err: error, subject, day }, "writing AI usage failed; kept for the next flush");
        add(subject, day, delta);
      }
    }
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    // Flushes run one after another, so two never add the same row's delta concurrently out of order.
    flushing = flushing.then(async () => {
      await write(batch);
      // Timer flushes are fire and forget: write() logs and keeps what it could not store, so flush never rejects.
      if (pending.size > 0) timer ??= setTimeout(() => void flush(), intervalMs).unref();
    });
    return flushing;
  }

  return {
    async record(subject: string, usage?: LlmUsage) {
      add(subject, utcDay(options.clock()), {
        calls: 1,
        inputTokens: usage?.inputTokens ?? 0,
        outputTokens: usage?.outputTokens ?? 0,
      });
      timer ??= setTimeout(() => void flush(), intervalMs).unref(); // fire and forget, as above
    },
    flush,
    async close() {
      await flush();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
