/**
 * What runs before every procedure, as one tRPC middleware per access level: the call observed (span and
 * metrics, observe.ts) around domain errors mapped around everything, one rate-limit point, then the access
 * checks of that level (auth.ts), always in that order.
 *
 * One middleware, not a chain of four: tRPC copies its call options at every middleware level, and measured
 * on saved.list the chain cost about 25 µs a call, more than all of Sous's own checks together.
 */
import { asDomainError, DomainError, type Principal } from "@sous/core";
import type { TRPCError } from "@trpc/server";
import type { AppContext } from "../context.js";
import { middleware } from "../trpc.js";
import { requireAdmin, requireUser, rejectInvalidCredential } from "./auth.js";
import { toTRPCError } from "./domain-errors.js";
import { observed } from "./observe.js";

/** Sign-in, refresh and sign-out: a stale Bearer may ride along with the very call that replaces it. */
export const sessionGuard = middleware(({ ctx, next, path, type }) =>
  observed({ ctx, path, type }, () =>
    mappingDomainErrors(async () => {
      throwCredentialFailure(ctx);
      await spendRateLimitPoint(ctx);
      return next();
    }),
  ),
);

/** Anonymous callers welcome, but a Bearer that does not verify is refused. */
export const publicGuard = middleware(({ ctx, next, path, type }) =>
  observed({ ctx, path, type }, () =>
    mappingDomainErrors(async () => {
      throwCredentialFailure(ctx);
      await spendRateLimitPoint(ctx);
      rejectInvalidCredential(ctx);
      return next();
    }),
  ),
);

/** Signed in (access token or API token); narrows `ctx.principal` to non-null. */
export const userGuard = middleware(({ ctx, next, path, type }) =>
  observed({ ctx, path, type }, () =>
    mappingDomainErrors(async () => {
      throwCredentialFailure(ctx);
      await spendRateLimitPoint(ctx);
      rejectInvalidCredential(ctx);
      const principal: Principal = requireUser(ctx);
      return next({ ctx: { principal } });
    }),
  ),
);

/** Signed in as an admin, by the credential's role (admin services re-read it from the database). */
export const adminGuard = middleware(({ ctx, next, path, type }) =>
  observed({ ctx, path, type }, () =>
    mappingDomainErrors(async () => {
      throwCredentialFailure(ctx);
      await spendRateLimitPoint(ctx);
      rejectInvalidCredential(ctx);
      const principal = requireAdmin(requireUser(ctx));
      return next({ ctx: { principal } });
    }),
  ),
);

/**
 * The credential could not be checked at all (the database is down while resolving an API token or the
 * token's user): createContext kept the failure so it is answered here, mapped like any other.
 */
function throwCredentialFailure(ctx: AppContext): void {
  if (ctx.credentialFailure !== undefined) throw ctx.credentialFailure;
}

/** One point per procedure call, keyed by the signed-in user, else by client address. */
function spendRateLimitPoint(ctx: AppContext): Promise<void> {
  return ctx.services.limiter.consume(ctx.principal?.userId ?? `ip:${ctx.ip}`);
}

/**
 * The one place domain errors become tRPC errors, thrown before the procedure (a rate limit) or by it.
 * Database failures become domain errors first (core's asDomainError: down → 503, unstorable value → 400).
 * The domain error stays the `cause` (for logs, the error formatter's `retryAfterSeconds`, and the HTTP
 * layer's `Retry-After` header, which apps/server sets from it for every error answer).
 */
async function mappingDomainErrors<R extends { ok: true } | { ok: false; error: TRPCError }>(
  run: () => Promise<R>,
): Promise<R> {
  let result: R;
  try {
    result = await run();
  } catch (error) {
    const domain = asDomainError(error);
    throw domain instanceof DomainError ? toTRPCError(domain) : error;
  }
  if (result.ok) return result;
  const domain = asDomainError(result.error.cause);
  if (!(domain instanceof DomainError)) return result;
  throw toTRPCError(domain);
}
