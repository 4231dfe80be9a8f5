import { FromIngredientsInput, GenerateRecipeInput } from "@sous/schemas";
import { publicProcedure } from "../procedures.js";
import { mappedStream } from "../streams.js";
import { router } from "../trpc.js";
import { aiCaller } from "./ai-caller.js";

/** Recipes from the AI provider. Public: anonymous callers are metered by address, signed-in ones by user. */
export const recipeRouter = router({
  generate: publicProcedure
    .input(GenerateRecipeInput)
    .mutation(({ ctx, input }) => ctx.services.recipe.generate(input, aiCaller(ctx), ctx.signal)),

  /** Partial recipes as they arrive, then `{ type: "done", result }`. Unsubscribing stops the upstream call. */
  generateStream: publicProcedure
    .input(GenerateRecipeInput)
    .subscription(({ ctx, input }) =>
      mappedStream(ctx, (signal) => ctx.services.recipe.generateStream(input, aiCaller(ctx), signal)),
    ),

  fromIngredients: publicProcedure
    .input(FromIngredientsInput)
    .mutation(({ ctx, input }) => ctx.services.recipe.fromIngredients(input, aiCaller(ctx), ctx.signal)),

  quota: publicProcedure.query(({ ctx }) => ctx.services.recipe.quota(aiCaller(ctx))),
});
