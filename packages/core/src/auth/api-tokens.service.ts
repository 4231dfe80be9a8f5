import type { ApiTokenRecord } from "@sous/db";
import { ConflictError, NotFoundError, UnauthorizedError } from "../errors.js";
import type { CoreLogger } from "../logger.js";
import type { Principal } from "../principal.js";
import type { UnitOfWork } from "../repositories.js";
import { hashToken, randomToken } from "./secrets.js";

export interface ApiTokenSummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** The only time the token is ever shown. */
  token: string;
  expiresAt: Date | null;
}

export interface ApiTokenService {
  create(userId: string, input: { name: string; expiresInDays?: number | undefined }): Promise<CreatedApiToken>;
  list(userId: string): Promise<ApiTokenSummary[]>;
  revoke(userId: string, id: string): Promise<{ id: string }>;
  authenticate(token: string): Promise<Principal>;
}

/** `sous_` + 256 random bits in base64url. The prefix makes leaked tokens easy for secret scanners to spot. */
const TOKEN_PATTERN = /^sous_[A-Za-z0-9_-]{43}$/;
const MAX_TOKENS_PER_USER = 50;
/** `last_used_at` is informational: one write a minute per token is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export function createApiTokenService(deps: { uow: UnitOfWork; clock: () => Date; logger: CoreLogger }): ApiTokenService {
  const { uow, clock, logger } = deps;
  const summary = (t: ApiTokenRecord): ApiTokenSummary => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
  });

  return {
    async create(userId, { name, expiresInDays }) {
      const token = `sous_${randomToken()}`;
      const expiresAt =
        expiresInDays === undefined ? null : new Date(clock().getTime() + expiresInDays * 24 * 3600 * 1000);
      // A soft cap (two concurrent creates may both pass it): it bounds abuse, it is not an invariant.
      if ((await uow.repos.apiTokens.countUnrevoked(userId)) >= MAX_TOKENS_PER_USER) {
        throw new ConflictError(`At most ${MAX_TOKENS_PER_USER} API tokens; revoke one first`);
      }
      const created = await uow.repos.apiTokens.create({ userId, name, tokenHash: hashToken(token), expiresAt });
      return { id: created.id, name: created.name, token, expiresAt: created.expiresAt };
    },

    async list(userId) {
      return (await uow.repos.apiTokens.listUnrevoked(userId)).map(summary);
    },

    async revoke(userId, id) {
      if (!(await uow.repos.apiTokens.revoke({ id, userId, at: clock() }))) throw new NotFoundError("API token");
      return { id };
    },

    async authenticate(token) {
      if (!TOKEN_PATTERN.test(token)) throw new UnauthorizedError();
      const found = await uow.repos.apiTokens.findByHash(hashToken(token));
      const now = clock();
      if (!found || found.revokedAt !== null || (found.expiresAt !== null && found.expiresAt <= now)) {
        throw new UnauthorizedError();
      }
      const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
      if (found.lastUsedAt === null || found.lastUsedAt < staleBefore) {
        // A failed bookkeeping write must not fail the caller's request.
        await uow.repos.apiTokens.touch({ id: found.id, at: now, staleBefore }).catch((error: unknown) => {
          logger.warn({ err: error, tokenId: found.id }, "could not update api token last_used_at");
        });
      }
      return { userId: found.userId, role: found.ownerRole, via: "api-token" };
    },
  };
}
