import { TRPCError } from "@trpc/server";
import { middleware } from "../trpc.js";

/** Signed in with a credential that verified; narrows `ctx.principal` to non-null. */
export const requireUser = middleware(({ ctx, next }) => {
  if (!ctx.principal) {
    const message = ctx.credentialRejected ? "The credentials are invalid or expired" : "Sign in first";
    throw new TRPCError({ code: "UNAUTHORIZED", message });
  }
  return next({ ctx: { principal: ctx.principal } });
});

/**
 * Fast refusal for non-admins by the role in the credential. Not the last word: admin services re-read the
 * role from the database, so a demotion counts at once even while an older access token lives.
 */
export const requireAdmin = middleware(({ ctx, next }) => {
  if (ctx.principal?.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return next();
});

/**
 * A credential was sent and did not verify (expired, revoked, forged): answer UNAUTHORIZED rather than
 * quietly serving the caller as anonymous, which would bill the address's quota and start an anonymous chat.
 * The client learns to refresh. The session procedures (sign-in, refresh, sign-out) skip this: a stale
 * access token may ride along with exactly the call that replaces it.
 */
export const rejectInvalidCredential = middleware(({ ctx, next }) => {
  if (ctx.credentialRejected) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "The credentials are invalid or expired" });
  }
  return next();
});
