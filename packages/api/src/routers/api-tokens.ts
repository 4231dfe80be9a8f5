import { ApiTokenCreateInput, ApiTokenList, IdInput } from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** Long-lived Bearer tokens for the caller's own tools. The token is returned by `create` and never again. */
export const apiTokensRouter = router({
  create: protectedProcedure
    .input(ApiTokenCreateInput)
    .mutation(({ ctx, input }) => ctx.services.apiTokens.create(ctx.principal.userId, input)),

  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/api-tokens", tags: ["auth"], summary: "The caller's API tokens (metadata only)" } })
    .output(ApiTokenList)
    .query(({ ctx }) => ctx.services.apiTokens.list(ctx.principal.userId)),

  revoke: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.apiTokens.revoke(ctx.principal.userId, input.id)),
});
