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
