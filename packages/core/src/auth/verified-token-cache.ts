import { LRUCache } from "lru-cache";

/**
 * Verified-token cache: remembers the tokens that passed a (stateless) check, until they expire, so a
 * session's later requests skip repeating it. It stands in for calling jose's `jwtVerify` on every request:
 * the signature check was the largest cost of a cheap authenticated call. Only a token whose own `exp` ends
 * it can be cached (nothing else can revoke it); keyed by the whole token, so only those exact bytes hit;
 * failures are never cached. test/auth/verified-token-cache.test.ts checks it answers as jose does at every
 * instant; `pnpm bench` shows the figure.
 */
export interface Verified<T> {
  value: T;
  /** The token's `exp` (seconds since the epoch); without one it is not cached. */
  expiresAtSeconds: number | undefined;
}

export function withVerifiedTokenCache<T>(
  verify: (token: string) => Promise<Verified<T>>,
  options: { clock: () => Date; max?: number },
): (token: string) => Promise<T> {
  const verified = new LRUCache<string, { value: T; expiresAtMs: number }>({ max: options.max ?? 10_000 });
  return async (token) => {
    const known = verified.get(token);
    // jose accepts a token while now < exp (whole seconds); so does the cache.
    if (known && options.clock().getTime() < known.expiresAtMs) return known.value;
    const { value, expiresAtSeconds } = await verify(token);
    if (expiresAtSeconds !== undefined) verified.set(token, { value, expiresAtMs: expiresAtSeconds * 1000 });
    return value;
  };
}
