import { TRPCError } from "@trpc/server";
import { DomainError } from "@sous/core";
import { RefreshInput, SignInDevInput, SignInWithGoogleInput, User } from "@sous/schemas";
import { protectedProcedure, sessionProcedure } from "../procedures.js";
import { clearSessionCookie, deliverSession, presentedRefreshToken } from "../session-cookie.js";
import { router } from "../trpc.js";
import { apiTokensRouter } from "./api-tokens.js";

export const authRouter = router({
  signInWithGoogle: sessionProcedure.input(SignInWithGoogleInput).mutation(async ({ ctx, input }) => {
    const issued = await ctx.services.auth.signInWithGoogle(input.idToken);
    return deliverSession(ctx, issued, input.transport ?? "cookie");
  }),

  signInDev: sessionProcedure.input(SignInDevInput).mutation(async ({ ctx, input }) => {
    const issued = await ctx.services.auth.signInDev({ email: input.email, name: input.name });
    return deliverSession(ctx, issued, input.transport ?? "cookie");
  }),

  /** Rotates the refresh token; the new one goes back the way the old one came (body or cookie). */
  refresh: sessionProcedure.input(RefreshInput.optional()).mutation(async ({ ctx, input }) => {
    const { token, fromCookie } = presentedRefreshToken(ctx, input);
    if (!token) throw new TRPCError({ code: "UNAUTHORIZED", message: "No refresh token" });
    try {
      const issued = await ctx.services.auth.refresh(token);
      return deliverSession(ctx, issued, fromCookie ? "cookie" : "body");
    } catch (error) {
      // A dead token's cookie is useless; an outage must not sign the user out.
      if (fromCookie && error instanceof DomainError && error.code === "UNAUTHORIZED") clearSessionCookie(ctx);
      throw error;
    }
  }),

  /** Ends the whole sign-in (every device holding a token of its family). Idempotent. */
  signOut: sessionProcedure.input(RefreshInput.optional()).mutation(async ({ ctx, input }) => {
    const { token, fromCookie } = presentedRefreshToken(ctx, input);
    if (token) await ctx.services.auth.signOut(token);
    if (fromCookie) clearSessionCookie(ctx);
    return { ok: true as const };
  }),

  me: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/me", tags: ["auth"], summary: "The signed-in user" } })
    .output(User)
    .query(({ ctx }): Promise<User> => ctx.services.auth.me(ctx.principal.userId)),

  apiTokens: apiTokensRouter,
});
