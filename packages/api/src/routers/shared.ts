import { SharedByTokenInput } from "@sous/schemas";
import { publicProcedure } from "../procedures.js";
import { router } from "../trpc.js";

/** Recipes shared by link: anyone holding the token reads the recipe, nothing more. */
export const sharedRouter = router({
  byToken: publicProcedure
    .input(SharedByTokenInput)
    .query(({ input, ctx }) => ctx.services.share.byToken(input.token)),
});
