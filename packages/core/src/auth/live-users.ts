/**
 * Whether the user an access token names still exists. Access tokens are stateless, so a deleted account's
 * token would otherwise keep working (lists answering 200, writes failing on foreign keys) until it expires.
 * Answers are cached for `ttlMs` per user, so an active session costs one primary-key lookup per TTL, not one
 * per request: a deleted user's token is refused at most `ttlMs` after the deletion on every instance.
 */
import { LRUCache } from "lru-cache";
import { UnauthorizedError } from "../errors.js";

export interface LiveUsers {
  /** Throws UnauthorizedError when the user does not exist (any more). */
  assertExists(userId: string): Promise<void>;
}

/** How long an answer is trusted; documented in the README as the lifetime of a deleted user's token. */
export const LIVE_USER_TTL_MS = 30_000;

export function createLiveUsers(deps: {
  findById(id: string): Promise<unknown>;
  ttlMs?: number;
  maxEntries?: number;
}): LiveUsers {
  // Misses are cached too: a deleted user's id never comes back, and a client retrying with its token in a
  // loop should not cost a query per call.
  const known = new LRUCache<string, { exists: boolean }>({ max: deps.maxEntries ?? 50_000, ttl: deps.ttlMs ?? LIVE_USER_TTL_MS });
  return {
    async assertExists(userId) {
      let entry = known.get(userId);
      if (!entry) {
        entry = { exists: (await deps.findById(userId)) !== undefined };
        known.set(userId, entry);
      }
      if (!entry.exists) throw new UnauthorizedError(undefined, new Error("access token of a user that no longer exists"));
    },
  };
}
