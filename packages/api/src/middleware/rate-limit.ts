import { middleware } from "../trpc.js";

/**
 * One point per procedure call, keyed by the signed-in user, else by client address. Runs before any
 * procedure work, inside the domain-error middleware (its RateLimitedError becomes a 429).
 */
export const rateLimit = middleware(async ({ ctx, next }) => {
  await ctx.services.limiter.consume(ctx.principal?.userId ?? `ip:${ctx.ip}`);
  return next();
});
