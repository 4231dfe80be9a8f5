import { IdInput, SavedByIdInput, SavedCreateInput, SavedListInput, SavedUpdateInput } from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** The signed-in caller's saved recipes; another user's id answers NOT_FOUND like a missing one. */
export const savedRouter = router({
  create: protectedProcedure
    .input(SavedCreateInput)
    .mutation(({ ctx, input }) => ctx.services.saved.create(ctx.principal.userId, input)),

  list: protectedProcedure
    .input(SavedListInput)
    .query(({ ctx, input }) => ctx.services.saved.list(ctx.principal.userId, input)),

  byId: protectedProcedure
    .input(SavedByIdInput)
    .query(({ ctx, input }) => ctx.services.saved.byId(ctx.principal.userId, input)),

  update: protectedProcedure
    .input(SavedUpdateInput)
    .mutation(({ ctx, input }) => ctx.services.saved.update(ctx.principal.userId, input)),

  delete: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.saved.delete(ctx.principal.userId, input.id)),

  /** A new read-only link (an earlier one of the same recipe stops working); the token is shown only here. */
  share: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.share.share(ctx.principal.userId, input.id)),

  unshare: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.share.unshare(ctx.principal.userId, input.id)),
});
