import { jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { withVerifiedTokenCache } from "../../src/auth/verified-token-cache.js";

// The cache stands in for calling jose's jwtVerify on every request: at every instant it must answer what
// jose answers for the same token, accept or reject, while asking jose only about tokens it has not seen.
const key = new TextEncoder().encode("0123456789abcdef0123456789abcdef");
const start = Date.parse("2030-01-01T00:00:00Z");
let now = new Date(start);
const clock = () => now;

const sign = (claims: { sub: string; exp?: number }, signingKey = key) => {
  const jwt = new SignJWT({ sub: claims.sub }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(start / 1000);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(signingKey);
};

async function jose(token: string) {
  const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], currentDate: clock() });
  return { value: payload.sub, expiresAtSeconds: payload.exp };
}

const outcome = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error: (error as Error).name }));

describe("withVerifiedTokenCache answers as jose's jwtVerify", () => {
  it("at every instant, for tokens valid, expiring, forged and without exp, with a cache smaller than the set", async () => {
    const tokens = [
      await sign({ sub: "long", exp: start / 1000 + 900 }),
      await sign({ sub: "short", exp: start / 1000 + 5 }),
      await sign({ sub: "expired", exp: start / 1000 - 1 }),
      await sign({ sub: "forged", exp: start / 1000 + 900 }, new TextEncoder().encode("another-key-another-key-another!!")),
      await sign({ sub: "no-exp" }),
      "not.a.token",
    ];
    let calls = 0;
    const cached = withVerifiedTokenCache((token) => (calls++, jose(token)), { clock, max: 3 });
    const instants = [0, 1_000, 4_999, 5_000, 5_001, 899_999, 900_000, 1_000_000].map((ms) => start + ms);
    for (const instant of instants) {
      now = new Date(instant);
      for (const token of [...tokens, ...tokens]) {
        expect(await outcome(cached(token)), `${new Date(instant).toISOString()}`).toEqual(
          await outcome(jose(token).then((r) => r.value)),
        );
      }
    }
    // Something was answered from the cache (else this would only test jose against itself).
    expect(calls).toBeLessThan(instants.length * tokens.length * 2);
  });

  it("asks jose once for a token seen again before it expires, and again once it has expired", async () => {
    now = new Date(start);
    const token = await sign({ sub: "cook", exp: start / 1000 + 60 });
    let calls = 0;
    const cached = withVerifiedTokenCache((t) => (calls++, jose(t)), { clock });
    for (let i = 0; i < 5; i++) expect(await cached(token)).toBe("cook");
    expect(calls).toBe(1);
    now = new Date(start + 60_000);
    await expect(cached(token)).rejects.toThrow(/exp/);
    expect(calls).toBe(2);
  });

  it("never caches a rejection, nor a token without exp", async () => {
    now = new Date(start);
    let calls = 0;
    const cached = withVerifiedTokenCache((t) => (calls++, jose(t)), { clock });
    const forged = await sign({ sub: "x", exp: start / 1000 + 60 }, new TextEncoder().encode("another-key-another-key-another!!"));
    const noExp = await sign({ sub: "y" });
    for (let i = 0; i < 3; i++) {
      await expect(cached(forged)).rejects.toThrow();
      expect(await cached(noExp)).toBe("y");
    }
    expect(calls).toBe(6);
  });
});
