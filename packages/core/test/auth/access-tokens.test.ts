import { describe, expect, it } from "vitest";
import { decodeProtectedHeader, SignJWT } from "jose";
import { generateKeyPairSync } from "node:crypto";
import { createAccessTokens } from "../../src/auth/access-tokens.js";
import { DomainError } from "../../src/errors.js";

const secret = "0123456789abcdef0123456789abcdef";
const key = new TextEncoder().encode(secret);
let now = new Date("2030-01-01T00:00:00Z");
const tokens = createAccessTokens({ secret, issuer: "sous", audience: "sous-api", ttlSeconds: 900, clock: () => now });
const userId = "6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d";

async function rejected(token: string) {
  const error = await tokens.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("UNAUTHORIZED");
}

interface Change {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  omit?: string[];
  key?: Uint8Array;
}

/** A token like ours with one thing changed. */
function forge(change: Change = {}) {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    role: "user",
    iss: "sous",
    aud: "sous-api",
    sub: userId,
    iat,
    exp: iat + 900,
    jti: "f0e1d2c3-b4a5-4697-8877-665544332211",
    ...change.claims,
  };
  for (const name of change.omit ?? []) delete claims[name];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt", ...change.header } as { alg: string })
    .sign(change.key ?? key);
}

describe("access tokens", () => {
  it("issues an HS256 at+jwt that verifies to its principal, for 15 minutes", async () => {
    now = new Date("2030-01-01T00:00:00Z");
    const { token, issuedAt, expiresAt } = await tokens.issue({ id: userId, role: "admin" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "at+jwt" });
    expect(issuedAt).toEqual(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(900_000);
    expect(await tokens.verify(token)).toEqual({ userId, role: "admin", via: "access-token" });
    // The forger itself is faithful: an unchanged forgery verifies.
    expect((await tokens.verify(await forge())).userId).toBe(userId);

    now = new Date(expiresAt.getTime() - 1000);
    await tokens.verify(token);
    now = new Date(expiresAt.getTime());
    await rejected(token);
  });

  it.each<[string, Change]>([
    ["wrong typ", { header: { typ: "JWT" } }],
    ["no typ", { header: { typ: undefined } }],
    ["wrong issuer", { claims: { iss: "someone-else" } }],
    ["wrong audience", { claims: { aud: "other-api" } }],
    ["an unknown role", { claims: { role: "owner" } }],
    ["another key", { key: new TextEncoder().encode("another-secret-another-secret-!!") }],
    ...(["sub", "exp", "iat", "jti", "iss", "aud"] as const).map((claim): [string, Change] => [`no ${claim}`, { omit: [claim] }]),
  ])("rejects a token with %s", async (_name, change) => {
    now = new Date("2030-01-01T00:00:00Z");
    await rejected(await forge(change));
  });

  it("rejects other algorithms: none, HS512, RS256", async () => {
    now = new Date("2030-01-01T00:00:00Z");
    const ours = await forge();
    const [, payload] = ours.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`;
    await rejected(none);
    await rejected(await forge({ header: { alg: "HS512" } }));
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const rs256 = await new SignJWT({ role: "admin", sub: userId, iss: "sous", aud: "sous-api", jti: "x" })
      .setProtectedHeader({ alg: "RS256", typ: "at+jwt" })
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + 60)
      .sign(privateKey);
    await rejected(rs256);
    await rejected("garbage");
  });
});
