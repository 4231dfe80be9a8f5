import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUsageRepository, type DbHandle } from "@sous/db";
import { databaseTargets } from "@sous/testkit";
import { createUsageService } from "../../src/index.js";

describe.each(databaseTargets())("AI usage on $name", (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.create();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("adds deltas into one row per subject and day", async () => {
    const repo = createUsageRepository(handle.db);
    expect(await repo.forSubject("user-1", "2030-03-10")).toBeUndefined();
    await repo.record("user-1", "2030-03-10", { calls: 1, inputTokens: 120, outputTokens: 800 });
    await repo.record("user-1", "2030-03-10", { calls: 2, inputTokens: 30, outputTokens: 5_000_000_000 });
    await repo.record("user-1", "2030-03-11", { calls: 1, inputTokens: 0, outputTokens: 0 });
    await repo.record("ip:203.0.113.7", "2030-03-10", { calls: 1, inputTokens: 1, outputTokens: 1 });
    expect(await repo.forSubject("user-1", "2030-03-10")).toEqual({
      subject: "user-1",
      day: "2030-03-10",
      calls: 3,
      inputTokens: 150,
      // token totals are bigint columns; they come back as numbers, beyond 2^32 too
      outputTokens: 5_000_000_800,
    });
    expect(await repo.forSubject("user-1", "2030-03-11")).toMatchObject({ calls: 1 });
    expect(await repo.forSubject("ip:203.0.113.7", "2030-03-10")).toMatchObject({ calls: 1, inputTokens: 1 });
  });

  it("loses no increment under concurrent upserts", async () => {
    const repo = createUsageRepository(handle.db);
    await Promise.all(
      Array.from({ length: 40 }, () => repo.record("user-2", "2030-03-10", { calls: 1, inputTokens: 10, outputTokens: 20 })),
    );
    expect(await repo.forSubject("user-2", "2030-03-10")).toMatchObject({ calls: 40, inputTokens: 400, outputTokens: 800 });
  });

  it("the service records one call per use, on the UTC day of its clock", async () => {
    const repo = createUsageRepository(handle.db);
    // 23:30 in UTC-5 on the 10th is already the 11th in UTC.
    const usage = createUsageService(repo, () => new Date("2030-03-10T23:30:00-05:00"));
    await usage.record("user-3", { inputTokens: 100, outputTokens: 250 });
    await usage.record("user-3");
    expect(await repo.forSubject("user-3", "2030-03-11")).toEqual({
      subject: "user-3",
      day: "2030-03-11",
      calls: 2,
      inputTokens: 100,
      outputTokens: 250,
    });
  });
});
