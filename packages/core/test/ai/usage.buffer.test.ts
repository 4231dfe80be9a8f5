import type { UsageDelta, UsageRepository } from "@sous/db";
import { describe, expect, it } from "vitest";
import { createBufferedUsage } from "../../src/ai/usage.buffer.js";
import { silentLogger } from "../../src/logger.js";

/** An in-memory UsageRepository that can be told to fail its next writes. */
function memoryRepo() {
  const rows = new Map<string, UsageDelta>();
  const writes: string[] = [];
  let failures = 0;
  const repo: UsageRepository = {
    async record(subject, day, delta) {
      if (failures > 0) {
        failures--;
        throw new Error("database down");
      }
      writes.push(`${subject}@${day}`);
      const row = rows.get(`${subject}@${day}`) ?? { calls: 0, inputTokens: 0, outputTokens: 0 };
      rows.set(`${subject}@${day}`, {
        calls: row.calls + delta.calls,
        inputTokens: row.inputTokens + delta.inputTokens,
        outputTokens: row.outputTokens + delta.outputTokens,
      });
    },
    forSubject: async () => undefined,
  };
  return { repo, rows, writes, failNext: (n: number) => void (failures = n) };
}

describe("buffered AI usage", () => {
  it("adds up calls and tokens per subject and UTC day, and writes each row once per flush", async () => {
    const { repo, rows, writes } = memoryRepo();
    let now = new Date("2030-05-01T23:59:59Z");
    const usage = createBufferedUsage(repo, { clock: () => now, logger: silentLogger, flushIntervalMs: 60_000 });
    await usage.record("u1", { inputTokens: 10, outputTokens: 5 });
    await usage.record("u1");
    await usage.record("ip:1.2.3.4", { inputTokens: 1, outputTokens: 1 });
    now = new Date("2030-05-02T00:00:01Z");
    await usage.record("u1", { inputTokens: 2, outputTokens: 2 });
    expect(writes).toEqual([]);
    await usage.flush();
    expect(writes.sort()).toEqual(["ip:1.2.3.4@2030-05-01", "u1@2030-05-01", "u1@2030-05-02"]);
    expect(rows.get("u1@2030-05-01")).toEqual({ calls: 2, inputTokens: 10, outputTokens: 5 });
    expect(rows.get("u1@2030-05-02")).toEqual({ calls: 1, inputTokens: 2, outputTokens: 2 });
    await usage.close();
  });

  it("flushes on its own after the interval", async () => {
    const { repo, rows } = memoryRepo();
    const usage = createBufferedUsage(repo, { clock: () => new Date("2030-01-01T00:00:00Z"), logger: silentLogger, flushIntervalMs: 20 });
    await usage.record("u1");
    await expect.poll(() => rows.get("u1@2030-01-01")?.calls, { timeout: 2000 }).toBe(1);
    await usage.close();
  });

  it("keeps a failed write for the next flush instead of losing it", async () => {
    const { repo, rows, failNext } = memoryRepo();
    const usage = createBufferedUsage(repo, { clock: () => new Date("2030-01-01T00:00:00Z"), logger: silentLogger, flushIntervalMs: 60_000 });
    await usage.record("u1", { inputTokens: 3, outputTokens: 4 });
    failNext(1);
    await usage.flush();
    expect(rows.size).toBe(0);
    await usage.record("u1");
    await usage.close();
    expect(rows.get("u1@2030-01-01")).toEqual({ calls: 2, inputTokens: 3, outputTokens: 4 });
  });
});
