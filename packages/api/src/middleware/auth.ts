/** The access checks the guards (guard.ts) run, as plain functions: each throws or lets the call through. */
import type { Principal } from "@sous/core";
import { TRPCError } from "@trpc/server";
import type { AppContext } from "../context.js";

/**
 * A credential was sent and did not verify (expired, revoked, forged): answer UNAUTHORIZED rather than
 * quietly serving the caller as anonymous, which would bill the address's quota and start an anonymous chat.
 * The client learns to refresh. The session procedures (sign-in, refresh, sign-out) skip this: a stale
 * access token may ride along with exactly the call that replaces it.
 */
export function rejectInvalidCredential(ctx: AppContext): void {
  if (ctx.credentialRejected) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "The credentials are invalid or expired" });
  }
}

/** Signed in with a credential that verified. */
export function requireUser(ctx: AppContext): Principal {
  if (ctx.principal) return ctx.principal;
  const message = ctx.credentialRejected ? "The credentials are invalid or expired" : "Sign in first";
  throw new TRPCError({ code: "UNAUTHORIZED", message });
}

/**
 * Fast refusal for non-admins by the role in the credential. Not the last word: admin services re-read the
 * role from the database, so a demotion counts at once even while an older access token lives.
 */
export function requireAdmin(principal: Principal): Principal {
  if (principal.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return principal;
}
