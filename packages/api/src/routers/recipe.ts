import { FromIngredientsInput, GenerateRecipeInput, RecipeImportInput } from "@sous/schemas";
import { protectedProcedure, publicProcedure } from "../procedures.js";
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

  /** A recipe from a web page or pasted text, not saved. Signed in: fetching pages on a user's behalf is theirs. */
  import: protectedProcedure
    .input(RecipeImportInput)
    .mutation(({ ctx, input, signal }) => ctx.services.import.import(input, aiCaller(ctx), signal ?? ctx.signal)),
});
