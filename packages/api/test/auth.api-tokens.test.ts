import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";

describe.each(databaseTargets())("API tokens on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(async () => {
    await h.close();
  });

  async function signedIn(email?: string) {
    const session = await h.signIn(email);
    return { session, caller: (await h.call({ bearer: session.accessToken })).caller };
  }

  it("creates a token shown once, stored hashed, usable as Bearer", async () => {
    const { session, caller } = await signedIn("tools@example.com");
    const created = await caller.auth.apiTokens.create({ name: "ci" });
    expect(created.token).toMatch(/^sous_[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toBeNull();

    const rows = await h.db.selectFrom("api_tokens").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(5));

    const listed = await caller.auth.apiTokens.list();
    expect(listed).toEqual([
      { id: created.id, name: "ci", createdAt: expect.any(Date), lastUsedAt: null, expiresAt: null },
    ]);
    expect(Object.keys(listed[0]!)).not.toContain("token");

    const asTool = await h.call({ bearer: created.token });
    expect(asTool.ctx.principal).toEqual({ userId: session.user.id, role: "user", via: "api-token" });
    expect((await asTool.caller.auth.me()).email).toBe("tools@example.com");
  });

  it("records last use at most once a minute", async () => {
    const { caller } = await signedIn();
    const { token, id } = await caller.auth.apiTokens.create({ name: "cli" });
    const lastUsed = async () =>
      (await h.db.selectFrom("api_tokens").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow())
        .last_used_at;

    await (await h.call({ bearer: token })).caller.auth.me();
    const first = await lastUsed();
    expect(first?.getTime()).toBe(h.clock.now().getTime());

    h.clock.advanceSeconds(30);
    await (await h.call({ bearer: token })).caller.auth.me();
    expect(await lastUsed()).toEqual(first);

    h.clock.advanceSeconds(31);
    await (await h.call({ bearer: token })).caller.auth.me();
    expect((await lastUsed())?.getTime()).toBe(h.clock.now().getTime());
    expect((await caller.auth.apiTokens.list())[0]!.lastUsedAt?.getTime()).toBe(h.clock.now().getTime());
  });

  it("stops working once revoked, and disappears from the list", async () => {
    const { caller } = await signedIn();
    const { token, id } = await caller.auth.apiTokens.create({ name: "old" });
    expect(await caller.auth.apiTokens.revoke({ id })).toEqual({ id });
    expect(await caller.auth.apiTokens.list()).toEqual([]);
    const asTool = await h.call({ bearer: token });
    expect(asTool.ctx.credentialRejected).toBe(true);
    await expectTrpcError(asTool.caller.auth.me(), "UNAUTHORIZED");
    await expectTrpcError(caller.auth.apiTokens.revoke({ id }), "NOT_FOUND");
  });

  it("expires after expiresInDays", async () => {
    const { caller } = await signedIn();
    const { token, expiresAt } = await caller.auth.apiTokens.create({ name: "week", expiresInDays: 7 });
    expect(expiresAt?.getTime()).toBe(h.clock.now().getTime() + 7 * 24 * 3600 * 1000);
    h.clock.advanceSeconds(7 * 24 * 3600 - 1);
    await (await h.call({ bearer: token })).caller.auth.me();
    h.clock.advanceSeconds(1);
    await expectTrpcError((await h.call({ bearer: token })).caller.auth.me(), "UNAUTHORIZED");
  });

  it("keeps tokens private to their owner", async () => {
    const alice = await signedIn("alice@example.com");
    const bob = await signedIn("bob@example.com");
    const { id, token } = await alice.caller.auth.apiTokens.create({ name: "alice's" });
    expect(await bob.caller.auth.apiTokens.list()).toEqual([]);
    await expectTrpcError(bob.caller.auth.apiTokens.revoke({ id }), "NOT_FOUND");
    await (await h.call({ bearer: token })).caller.auth.me(); // still alive
  });

  it("rejects look-alike and unknown tokens", async () => {
    for (const bearer of ["sous_short", `sous_${"A".repeat(43)}`, `sous_${"A".repeat(43)}x`]) {
      const { ctx, caller } = await h.call({ bearer });
      expect(ctx.credentialRejected).toBe(true);
      await expectTrpcError(caller.auth.apiTokens.list(), "UNAUTHORIZED");
    }
  });
});
