import { IdInput, PlanSetInput, PlanToShoppingInput, PlanWeekInput } from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** The caller's meal plan: saved recipes on days and meals. */
export const planRouter = router({
  week: protectedProcedure
    .input(PlanWeekInput)
    .query(({ ctx, input }) => ctx.services.plan.week(ctx.principal.userId, input)),

  set: protectedProcedure
    .input(PlanSetInput)
    .mutation(({ ctx, input }) => ctx.services.plan.set(ctx.principal.userId, input)),

  remove: protectedProcedure
    .input(IdInput)
    .mutation(({ ctx, input }) => ctx.services.plan.remove(ctx.principal.userId, input.id)),

  toShopping: protectedProcedure
    .input(PlanToShoppingInput)
    .mutation(({ ctx, input }) => ctx.services.plan.toShopping(ctx.principal.userId, input)),
});
