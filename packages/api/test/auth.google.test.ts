import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRsaKey, databaseTargets, startGoogleCertsServer, type GoogleCertsServer } from "@sous/testkit";
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from "../src/index.js";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";

let google: GoogleCertsServer;
beforeAll(async () => {
  google = await startGoogleCertsServer();
});
afterAll(async () => {
  await google.close();
});

// One database per target for the file: every test works on its own accounts (distinct `sub`s) and checks
// what it wrote as a difference of row counts.
describe.each(databaseTargets())("Google sign-in on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(target, { google });
  });
  afterAll(async () => {
    await h.close();
  });

  it("creates the account from a valid ID token and sets the refresh cookie", async () => {
    const idToken = google.mintIdToken({ sub: "1000001", email: "ada@example.com", name: "Ada" });
    const { caller, response } = await h.call();
    const session = await caller.auth.signInWithGoogle({ idToken });

    expect(session.user).toMatchObject({ email: "ada@example.com", name: "Ada", role: "user" });
    expect(session.refreshToken).toBeUndefined();
    expect(session.accessTokenExpiresAt.getTime() - h.clock.now().getTime()).toBe(15 * 60 * 1000);
    expect(response.cookies).toHaveLength(1);
    const cookie = response.cookies[0]!;
    expect(cookie.name).toBe(REFRESH_COOKIE);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.options).toEqual({
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: REFRESH_COOKIE_PATH,
      maxAgeSeconds: 30 * 24 * 3600,
    });

    const me = await (await h.call({ bearer: session.accessToken })).caller.auth.me();
    expect(me).toEqual(session.user);
    // The refresh token is stored only as its hash.
    const stored = await h.db
      .selectFrom("refresh_tokens")
      .innerJoin("session_families", "session_families.id", "refresh_tokens.family_id")
      .select("token_hash")
      .where("session_families.user_id", "=", session.user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(cookie.value);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("returns the refresh token in the body with transport: body", async () => {
    const { caller, response } = await h.call();
    const session = await caller.auth.signInWithGoogle({ idToken: google.mintIdToken(), transport: "body" });
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.cookies).toHaveLength(0);
  });

  it("keys accounts by sub: a changed email updates the same account", async () => {
    const before = await h.counts();
    const first = await (await h.call()).caller.auth.signInWithGoogle({
      idToken: google.mintIdToken({ sub: "2000002", email: "old@example.com" }),
    });
    const second = await (await h.call()).caller.auth.signInWithGoogle({
      idToken: google.mintIdToken({ sub: "2000002", email: "new@example.com" }),
    });
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.email).toBe("new@example.com");
    expect((await h.counts()).users).toBe(before.users + 1);

    // Same email, different sub: a different account (email is never the key).
    const other = await (await h.call()).caller.auth.signInWithGoogle({
      idToken: google.mintIdToken({ sub: "3000003", email: "new@example.com" }),
    });
    expect(other.user.id).not.toBe(first.user.id);
  });

  it("answers FORBIDDEN when no Google client id is configured", async () => {
    const unconfigured = await createHarness(target, { auth: { google: {} } });
    try {
      const { caller } = await unconfigured.call();
      await expectTrpcError(caller.auth.signInWithGoogle({ idToken: google.mintIdToken() }), "FORBIDDEN");
      expect((await unconfigured.counts()).users).toBe(0);
    } finally {
      await unconfigured.close();
    }
  });

  const now = () => Math.floor(Date.now() / 1000);
  const rejected: [string, () => string][] = [
    ["wrong aud", () => google.mintIdToken({ aud: "someone-else.apps.googleusercontent.com" })],
    ["wrong iss", () => google.mintIdToken({ iss: "https://evil.example.com" })],
    // Beyond the library's five minutes of allowed clock skew.
    ["expired", () => google.mintIdToken({ iat: now() - 7200, exp: now() - 3600 })],
    ["email_verified: false", () => google.mintIdToken({ email_verified: false })],
    ["email_verified missing", () => google.mintIdToken({ email_verified: undefined })],
    ["unknown kid", () => google.mintIdToken({}, { kid: "not-a-published-kid" })],
    ["bad signature", () => google.mintIdToken({}, { key: createRsaKey() })],
    ["alg: none", () => google.mintIdToken({}, { alg: "none" })],
    ["alg: HS256 keyed with the public key", () => google.mintIdToken({}, { alg: "HS256" })],
    ["garbage", () => "not.a.jwt"],
    ["a tampered payload", () => tamper(google.mintIdToken({ sub: "4000004" }))],
  ];

  it.each(rejected)("answers UNAUTHORIZED and writes nothing for %s", async (_name, mint) => {
    const before = await h.counts();
    const { caller, response } = await h.call();
    const error = await expectTrpcError(caller.auth.signInWithGoogle({ idToken: mint() }), "UNAUTHORIZED");
    expect(error.message).not.toMatch(/eyJ/); // the token never echoes back
    expect(await h.counts()).toEqual(before);
    expect(response.cookies).toHaveLength(0);
  });
});

/** Swaps the payload for another claim set while keeping the original signature. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: "9999999" })).toString("base64url");
  return `${header}.${forged}.${signature}`;
}
