import { IdInput, ShoppingAddItemsInput, ShoppingAddRecipeInput, ShoppingCheckInput, ShoppingClearInput } from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** The caller's shopping list; every mutation answers the whole list, so a client never refetches. */
export const shoppingRouter = router({
  list: protectedProcedure.query(({ ctx }) => ctx.services.shopping.list(ctx.principal.userId)),

  addRecipe: protectedProcedure
    .input(ShoppingAddRecipeInput)
    .mutation(({ ctx, input }) => ctx.services.shopping.addRecipe(ctx.principal.userId, input)),

  addItems: protectedProcedure
    .input(ShoppingAddItemsInput)
    .mutation(({ ctx, input }) => ctx.services.shopping.addItems(ctx.principal.userId, input)),

  check: protectedProcedure
    .input(ShoppingCheckInput)
    .mutation(({ ctx, input }) => ctx.services.shopping.check(ctx.principal.userId, input)),

  remove: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.shopping.remove(ctx.principal.userId, input.id)),

  clear: protectedProcedure
    .input(ShoppingClearInput)
    .mutation(({ ctx, input }) => ctx.services.shopping.clear(ctx.principal.userId, input)),
});
