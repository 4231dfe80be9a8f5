import { AccountDeleteInput } from "@sous/schemas";
import { protectedProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** The caller's data as a whole: take it away (export) or have it gone (delete). */
export const accountRouter = router({
  export: protectedProcedure.query(({ ctx }) => ctx.services.account.export(ctx.principal.userId)),

  delete: protectedProcedure
    .input(AccountDeleteInput)
    .mutation(({ ctx, input }) => ctx.services.account.delete(ctx.principal.userId, input)),
});
