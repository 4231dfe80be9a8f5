import { describe, expect, it } from "vitest";
import { resolveAuthConfig } from "../../src/auth/auth.config.js";
import { createRefreshSessions } from "../../src/auth/refresh-sessions.js";
import { silentLogger } from "../../src/logger.js";
import { createFakeUnitOfWork } from "../fakes/repositories.js";

const HOUR = 3600;

function setup(overrides: { refreshAbsoluteTtlSeconds?: number; refreshIdleTtlSeconds?: number } = {}) {
  let now = new Date("2030-01-01T00:00:00Z");
  const fake = createFakeUnitOfWork(() => now);
  const config = resolveAuthConfig({ secret: "x".repeat(32), devLogin: false, google: {}, ...overrides });
  const sessions = createRefreshSessions({ uow: fake.uow, config, clock: () => now, logger: silentLogger });
  return {
    ...fake,
    sessions,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
  };
}

describe("refresh sessions", () => {
  it("never lets a token's idle window outlive its family", async () => {
    const { uow, sessions, advance, state } = setup({ refreshAbsoluteTtlSeconds: 10 * HOUR, refreshIdleTtlSeconds: 4 * HOUR });
    const started = await sessions.start(uow.repos, "user-1");
    let token = started.token;
    const { familyExpiresAt } = started;
    advance(3 * HOUR);
    ({ token } = await sessions.rotate(token));
    advance(3.5 * HOUR); // 6.5 h in: a full idle window would end at 10.5 h, past the family's 10 h
    ({ token } = await sessions.rotate(token));
    const newest = [...state().tokens.values()].find((t) => t.rotatedAt === null)!;
    expect(newest.idleExpiresAt).toEqual(familyExpiresAt);
    advance(3.5 * HOUR);
    await expect(sessions.rotate(token)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("keeps the reuse revocation although the call fails", async () => {
    const { uow, sessions, state } = setup();
    const first = await sessions.start(uow.repos, "user-1");
    await sessions.rotate(first.token);
    await expect(sessions.rotate(first.token)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const [family] = [...state().families.values()];
    expect(family?.revokedReason).toBe("reuse");
  });
});
