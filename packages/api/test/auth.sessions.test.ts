import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { REFRESH_COOKIE } from "../src/index.js";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";

const DAY = 24 * 3600;

describe.each(databaseTargets())("sessions on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(async () => {
    await h.close();
  });

  const refresh = async (refreshToken: string) => (await h.call()).caller.auth.refresh({ refreshToken });
  const family = async (userId: string) =>
    h.db.selectFrom("session_families").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow();

  it("rotates the refresh token on every use", async () => {
    const first = await h.signIn("rotate@example.com");
    const second = await refresh(first.refreshToken!);
    expect(second.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe(first.user.id);
    const third = await refresh(second.refreshToken!);
    expect(third.refreshToken).not.toBe(second.refreshToken);
    // One family; one token per rotation, all but the newest marked rotated.
    const tokens = await h.db.selectFrom("refresh_tokens").select(["rotated_at"]).execute();
    expect(tokens).toHaveLength(3);
    expect(tokens.filter((t) => t.rotated_at === null)).toHaveLength(1);
    expect((await h.counts()).families).toBe(1);
    // The new access token works.
    expect((await (await h.call({ bearer: third.accessToken })).caller.auth.me()).email).toBe("rotate@example.com");
  });

  it("revokes the whole family when a rotated token is presented again", async () => {
    const first = await h.signIn();
    const second = await refresh(first.refreshToken!);

    await expectTrpcError(refresh(first.refreshToken!), "UNAUTHORIZED");
    expect((await family(first.user.id)).revoked_reason).toBe("reuse");
    // The successor dies with the family: whoever holds it (the thief or the user) must sign in again.
    await expectTrpcError(refresh(second.refreshToken!), "UNAUTHORIZED");
  });

  it("lets exactly one of 50 concurrent refreshes of one token win", async () => {
    const session = await h.signIn();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, async () => refresh(session.refreshToken!)),
    );
    const winners = results.filter((r) => r.status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.status === "rejected")) {
      expect((loser.reason as { code?: string }).code).toBe("UNAUTHORIZED");
    }
    const rows = await h.db.selectFrom("refresh_tokens").select(["rotated_at"]).execute();
    expect(rows).toHaveLength(2); // the original and the single successor
    // The losers presented an already-rotated token: with no grace period that is a reuse.
    expect((await family(session.user.id)).revoked_reason).toBe("reuse");
  });

  it("with a reuse grace period, concurrent losers are refused without ending the session", async () => {
    const graceful = await createHarness(target, { auth: { refreshReuseGraceSeconds: 10 } });
    try {
      const session = await graceful.signIn();
      const call = async () => (await graceful.call()).caller.auth.refresh({ refreshToken: session.refreshToken! });
      const results = await Promise.allSettled(Array.from({ length: 20 }, call));
      const winners = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(winners).toHaveLength(1);
      // The winner's successor still works...
      const next = await (await graceful.call()).caller.auth.refresh({ refreshToken: winners[0]!.refreshToken! });
      // ...and past the grace period a reuse still revokes the family.
      graceful.clock.advanceSeconds(11);
      await expectTrpcError(call(), "UNAUTHORIZED");
      await expectTrpcError(
        (await graceful.call()).caller.auth.refresh({ refreshToken: next.refreshToken! }),
        "UNAUTHORIZED",
      );
    } finally {
      await graceful.close();
    }
  });

  it("refreshes from the cookie and sends the new token back as a cookie", async () => {
    const { caller, response } = await h.call();
    await caller.auth.signInDev({ email: "cookie@example.com" });
    const token = response.cookies[0]!.value;

    const next = await h.call({ cookies: { [REFRESH_COOKIE]: token } });
    const session = await next.caller.auth.refresh();
    expect(session.refreshToken).toBeUndefined();
    expect(next.response.cookies).toHaveLength(1);
    expect(next.response.cookies[0]!.value).not.toBe(token);

    // A dead cookie is cleared.
    const again = await h.call({ cookies: { [REFRESH_COOKIE]: token } });
    await expectTrpcError(again.caller.auth.refresh(), "UNAUTHORIZED");
    expect(again.response.cleared.map((c) => c.name)).toEqual([REFRESH_COOKIE]);
  });

  it("refuses a refresh without any token, and an unknown one", async () => {
    await expectTrpcError((await h.call()).caller.auth.refresh(), "UNAUTHORIZED");
    await expectTrpcError(refresh("A".repeat(43)), "UNAUTHORIZED");
  });

  it("signs out: the family is revoked and the cookie cleared", async () => {
    const session = await h.signIn();
    const rotated = await refresh(session.refreshToken!);
    const { caller, response } = await h.call({ cookies: { [REFRESH_COOKIE]: rotated.refreshToken! } });
    expect(await caller.auth.signOut()).toEqual({ ok: true });
    expect(response.cleared.map((c) => c.name)).toEqual([REFRESH_COOKIE]);
    expect((await family(session.user.id)).revoked_reason).toBe("sign-out");
    await expectTrpcError(refresh(rotated.refreshToken!), "UNAUTHORIZED");
    // Signing out again is harmless.
    expect(await (await h.call()).caller.auth.signOut({ refreshToken: rotated.refreshToken! })).toEqual({ ok: true });
  });

  it("ends a session left idle for 7 days", async () => {
    const session = await h.signIn();
    h.clock.advanceSeconds(7 * DAY - 60);
    const kept = await refresh(session.refreshToken!); // used just in time: the idle window restarts
    h.clock.advanceSeconds(7 * DAY - 60);
    const keptAgain = await refresh(kept.refreshToken!);
    h.clock.advanceSeconds(7 * DAY);
    await expectTrpcError(refresh(keptAgain.refreshToken!), "UNAUTHORIZED");
  });

  it("ends a session 30 days after sign-in however often it is refreshed", async () => {
    let token = (await h.signIn()).refreshToken!;
    for (let day = 0; day < 29; day += 1) {
      h.clock.advanceSeconds(DAY);
      token = (await refresh(token)).refreshToken!;
    }
    h.clock.advanceSeconds(DAY);
    await expectTrpcError(refresh(token), "UNAUTHORIZED");
  });

  it("sets the cookie's max-age to what is left of the family's lifetime", async () => {
    const { caller, response } = await h.call();
    await caller.auth.signInDev({ email: "age@example.com" });
    h.clock.advanceSeconds(DAY);
    const next = await h.call({ cookies: { [REFRESH_COOKIE]: response.cookies[0]!.value } });
    await next.caller.auth.refresh();
    expect(next.response.cookies[0]!.options.maxAgeSeconds).toBe(29 * DAY);
  });

  it("rejects an access token after 15 minutes", async () => {
    const session = await h.signIn();
    h.clock.advanceSeconds(14 * 60);
    await (await h.call({ bearer: session.accessToken })).caller.auth.me();
    h.clock.advanceSeconds(61);
    const { caller, ctx } = await h.call({ bearer: session.accessToken });
    expect(ctx.credentialRejected).toBe(true);
    await expectTrpcError(caller.auth.me(), "UNAUTHORIZED");
  });

  it("refuses an expired access token on public procedures too, but not on the call that refreshes it", async () => {
    const session = await h.signIn("stale@example.com");
    h.clock.advanceSeconds(16 * 60);
    const { caller } = await h.call({ bearer: session.accessToken });
    // Served as anonymous, the caller would spend the address's quota; refused, a client knows to refresh.
    await expectTrpcError(caller.recipe.quota(), "UNAUTHORIZED");
    const refreshed = await caller.auth.refresh({ refreshToken: session.refreshToken! });
    expect(refreshed.user.email).toBe("stale@example.com");
    const quota = await (await h.call({ bearer: refreshed.accessToken })).caller.recipe.quota();
    expect(quota.used).toBe(0);
  });

  it("answers UNAUTHORIZED for missing, malformed and forged credentials", async () => {
    await expectTrpcError((await h.call()).caller.auth.me(), "UNAUTHORIZED");
    await expectTrpcError((await h.call({ authorization: "Basic Zm9vOmJhcg==" })).caller.auth.me(), "UNAUTHORIZED");
    const session = await h.signIn();
    const [header, payload] = session.accessToken.split(".") as [string, string];
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`;
    await expectTrpcError((await h.call({ bearer: unsigned })).caller.auth.me(), "UNAUTHORIZED");
    await expectTrpcError((await h.call({ bearer: `${header}.${payload}.AAAA` })).caller.auth.me(), "UNAUTHORIZED");
  });

  it("dev sign-in normalizes the email into one account", async () => {
    const a = await h.signIn("Mixed.Case@Example.com");
    const b = await h.signIn("mixed.case@EXAMPLE.com");
    expect(b.user.id).toBe(a.user.id);
    expect(b.user.email).toBe("mixed.case@example.com");
  });

  it("refuses dev sign-in when it is disabled", async () => {
    const strict = await createHarness(target, { auth: { devLogin: false } });
    try {
      const { caller } = await strict.call();
      await expectTrpcError(caller.auth.signInDev({ email: "dev@example.com" }), "FORBIDDEN");
      expect((await strict.counts()).users).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
