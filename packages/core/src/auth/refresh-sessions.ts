import type { Repositories, UnitOfWork } from "../repositories.js";
import type { CoreLogger } from "../logger.js";
import { UnauthorizedError } from "../errors.js";
import type { ResolvedAuthConfig } from "./auth.config.js";
import { hashToken, randomToken } from "./secrets.js";

export interface IssuedRefreshToken {
  token: string;
  /** End of the family's absolute lifetime (the cookie's lifetime). */
  familyExpiresAt: Date;
}

/**
 * Refresh-token families. A sign-in starts a family; each refresh atomically claims the presented token and
 * issues its successor in the same family. A claimed token presented again is a reuse: someone holds a copy,
 * so the whole family is revoked and every token in it dies.
 */
export interface RefreshSessions {
  /** Inside the caller's transaction: starts a family for a fresh sign-in. */
  start(repos: Repositories, userId: string): Promise<IssuedRefreshToken>;
  rotate(presented: string): Promise<IssuedRefreshToken & { userId: string }>;
  /** Ends the family the token belongs to (rotated or not); unknown tokens are ignored. */
  revoke(presented: string): Promise<void>;
}

type RotateOutcome =
  | { kind: "rotated"; userId: string; issued: IssuedRefreshToken }
  | { kind: "unknown" | "expired" | "raced" }
  | { kind: "reused"; familyId: string };

export function createRefreshSessions(deps: {
  uow: UnitOfWork;
  config: ResolvedAuthConfig;
  clock: () => Date;
  logger: CoreLogger;
}): RefreshSessions {
  const { uow, config, clock, logger } = deps;
  const seconds = (n: number) => n * 1000;

  async function issue(repos: Repositories, familyId: string, familyExpiresAt: Date, now: Date) {
    const token = randomToken();
    const idle = now.getTime() + seconds(config.refreshIdleTtlSeconds);
    const idleExpiresAt = new Date(Math.min(idle, familyExpiresAt.getTime()));
    await repos.sessions.insertToken({ familyId, tokenHash: hashToken(token), idleExpiresAt });
    return { token, familyExpiresAt };
  }

  return {
    async start(repos, userId) {
      const now = clock();
      const expiresAt = new Date(now.getTime() + seconds(config.refreshAbsoluteTtlSeconds));
      const family = await repos.sessions.createFamily({ userId, expiresAt });
      return issue(repos, family.id, family.expiresAt, now);
    },

    async rotate(presented) {
      const now = clock();
      const tokenHash = hashToken(presented);
      // Revocation on reuse must commit, so the transaction returns an outcome and we throw after it.
      const outcome = await uow.transaction<RotateOutcome>(async (repos) => {
        const claimed = await repos.sessions.rotateToken(tokenHash, now);
        if (!claimed) {
          const known = await repos.sessions.findToken(tokenHash);
          if (!known) return { kind: "unknown" };
          const sinceRotation = now.getTime() - (known.rotatedAt?.getTime() ?? 0);
          if (config.refreshReuseGraceSeconds > 0 && sinceRotation < seconds(config.refreshReuseGraceSeconds)) {
            return { kind: "raced" };
          }
          await repos.sessions.revokeFamily(known.familyId, "reuse", now);
          return { kind: "reused", familyId: known.familyId };
        }
        const family = await repos.sessions.findFamily(claimed.familyId);
        if (!family || family.revokedAt !== null || family.expiresAt <= now || claimed.idleExpiresAt <= now) {
          return { kind: "expired" };
        }
        return { kind: "rotated", userId: family.userId, issued: await issue(repos, family.id, family.expiresAt, now) };
      });

      if (outcome.kind === "rotated") return { ...outcome.issued, userId: outcome.userId };
      if (outcome.kind === "reused") {
        logger.warn({ familyId: outcome.familyId }, "refresh token reused: session family revoked");
      }
      throw new UnauthorizedError("The session has ended; sign in again", new Error(`refresh ${outcome.kind}`));
    },

    async revoke(presented) {
      const known = await uow.repos.sessions.findToken(hashToken(presented));
      if (known) await uow.repos.sessions.revokeFamily(known.familyId, "sign-out", clock());
    },
  };
}
