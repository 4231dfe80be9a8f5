import { ConversationsListInput, IdInput } from "@sous/schemas";
import { protectedProcedure } from "../../procedures.js";
import { router } from "../../trpc.js";

/** The signed-in caller's stored conversations; another user's id answers NOT_FOUND. */
export const conversationsRouter = router({
  list: protectedProcedure
    .input(ConversationsListInput)
    .query(({ ctx, input }) => ctx.services.conversations.list(ctx.principal.userId, input)),

  byId: protectedProcedure
    .input(IdInput)
    .query(({ ctx, input }) => ctx.services.conversations.byId(ctx.principal.userId, input.id)),

  delete: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.conversations.delete(ctx.principal.userId, input.id)),
});
