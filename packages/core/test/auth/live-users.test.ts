import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createLiveUsers } from "../../src/auth/live-users.js";
import { UnauthorizedError } from "../../src/errors.js";

describe("live users (is an access token's user still there?)", () => {
  function users(initial: string[]) {
    const ids = new Set(initial);
    const lookups: string[] = [];
    return {
      ids,
      lookups,
      findById: async (id: string) => {
        lookups.push(id);
        return ids.has(id) ? { id } : undefined;
      },
    };
  }

  it("lets an existing user through and asks the database once per TTL, not per call", async () => {
    const repo = users(["u1"]);
    const live = createLiveUsers({ findById: repo.findById, ttlMs: 60_000 });
    for (let i = 0; i < 5; i++) await live.assertExists("u1");
    expect(repo.lookups).toEqual(["u1"]);
  });

  it("refuses a missing user with UnauthorizedError, and a deleted one once the TTL has passed", async () => {
    const repo = users(["u1"]);
    const live = createLiveUsers({ findById: repo.findById, ttlMs: 50 });
    await expect(live.assertExists("gone")).rejects.toBeInstanceOf(UnauthorizedError);
    await live.assertExists("u1");
    repo.ids.delete("u1"); // the account is deleted
    await sleep(80);
    await expect(live.assertExists("u1")).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("lets a database failure through (it is not the caller's fault: a 503, not a 401)", async () => {
    const failure = new Error("Connection terminated unexpectedly");
    const live = createLiveUsers({ findById: () => Promise.reject(failure) });
    await expect(live.assertExists("u1")).rejects.toBe(failure);
  });
});
