import { describe, expect, it } from "vitest";
import { createApiTokenService } from "../../src/auth/api-tokens.service.js";
import { silentLogger } from "../../src/logger.js";
import { createFakeUnitOfWork } from "../fakes/repositories.js";

describe("API token service", () => {
  it("writes last_used_at at most once a minute, and never for a rejected token", async () => {
    let now = new Date("2030-01-01T00:00:00Z");
    const { uow, writes } = createFakeUnitOfWork(() => now);
    const user = await uow.repos.users.upsertIdentity({ provider: "dev", subject: "a", email: "a@x.io", name: null, picture: null });
    const service = createApiTokenService({ uow, clock: () => now, logger: silentLogger });
    const { token } = await service.create(user.id, { name: "cli" });

    for (let second = 0; second < 120; second += 10) {
      now = new Date(Date.parse("2030-01-01T00:00:00Z") + second * 1000);
      expect(await service.authenticate(token)).toEqual({ userId: user.id, role: "user", via: "api-token" });
    }
    // t=0, t=70 (first use past a minute after t=0) and nothing else in two minutes.
    expect(writes.filter((w) => w.startsWith("touch:"))).toHaveLength(2);

    await expect(service.authenticate(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(writes.filter((w) => w.startsWith("touch:"))).toHaveLength(2);
  });

  it("still authenticates when the bookkeeping write fails", async () => {
    const { uow } = createFakeUnitOfWork();
    const user = await uow.repos.users.upsertIdentity({ provider: "dev", subject: "b", email: "b@x.io", name: null, picture: null });
    const warnings: string[] = [];
    const service = createApiTokenService({
      uow: { ...uow, repos: { ...uow.repos, apiTokens: { ...uow.repos.apiTokens, touch: () => Promise.reject(new Error("disk full")) } } },
      clock: () => new Date(),
      logger: { ...silentLogger, warn: (_details, message) => void warnings.push(message) },
    });
    const { token } = await service.create(user.id, { name: "cli" });
    expect((await service.authenticate(token)).userId).toBe(user.id);
    expect(warnings).toEqual(["could not update api token last_used_at"]);
  });

  it("caps unrevoked tokens per user at 50", async () => {
    const { uow } = createFakeUnitOfWork();
    const service = createApiTokenService({ uow, clock: () => new Date(), logger: silentLogger });
    for (let i = 0; i < 50; i += 1) await service.create("u1", { name: `t${i}` });
    await expect(service.create("u1", { name: "one more" })).rejects.toMatchObject({ code: "CONFLICT" });
    const [first] = await service.list("u1");
    await service.revoke("u1", first!.id);
    await service.create("u1", { name: "one more" });
  });
});
