import {
  IdInput,
  IdResult,
  SavedByIdInput,
  SavedCreateInput,
  SavedListInput,
  SavedPage,
  SavedRecipe,
  SavedUpdateInput,
} from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** The signed-in caller's saved recipes; another user's id answers NOT_FOUND like a missing one. */
export const savedRouter = router({
  create: protectedProcedure
    .meta({ openapi: { method: "POST", path: "/saved", tags: ["saved"], summary: "Save a recipe" } })
    .input(SavedCreateInput)
    .output(SavedRecipe)
    .mutation(({ ctx, input }) => ctx.services.saved.create(ctx.principal.userId, input)),

  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/saved", tags: ["saved"], summary: "The caller's saved recipes, a page at a time" } })
    .input(SavedListInput)
    .output(SavedPage)
    .query(({ ctx, input }) => ctx.services.saved.list(ctx.principal.userId, input)),

  byId: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/saved/{id}", tags: ["saved"], summary: "One saved recipe, optionally scaled" } })
    .input(SavedByIdInput)
    .output(SavedRecipe)
    .query(({ ctx, input }) => ctx.services.saved.byId(ctx.principal.userId, input)),

  update: protectedProcedure
    .meta({ openapi: { method: "PATCH", path: "/saved/{id}", tags: ["saved"], summary: "Retitle, tag, annotate or rate" } })
    .input(SavedUpdateInput)
    .output(SavedRecipe)
    .mutation(({ ctx, input }) => ctx.services.saved.update(ctx.principal.userId, input)),

  delete: protectedProcedure
    .meta({ openapi: { method: "DELETE", path: "/saved/{id}", tags: ["saved"], summary: "Delete a saved recipe" } })
    .input(IdInput)
    .output(IdResult)
    .mutation(({ ctx, input }) => ctx.services.saved.delete(ctx.principal.userId, input.id)),

  /** A new read-only link (an earlier one of the same recipe stops working); the token is shown only here. */
  share: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.share.share(ctx.principal.userId, input.id)),

  unshare: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.share.unshare(ctx.principal.userId, input.id)),
});
