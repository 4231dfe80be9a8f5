import {
  FromIngredientsInput,
  FromIngredientsResult,
  GenerateRecipeInput,
  GenerateRecipeResult,
  Quota,
  RecipeImportInput,
} from "@sous/schemas";
import { protectedProcedure, publicProcedure } from "../procedures.js";
import { mappedStream } from "../streams.js";
import { router } from "../trpc.js";
import { aiCaller } from "./ai-caller.js";

/** Recipes from the AI provider. Public: anonymous callers are metered by address, signed-in ones by user. */
export const recipeRouter = router({
  generate: publicProcedure
    .meta({ openapi: { method: "POST", path: "/recipes/generate", tags: ["recipes"], protect: false, summary: "A recipe for a dish" } })
    .input(GenerateRecipeInput)
    .output(GenerateRecipeResult)
    .mutation(({ ctx, input }) => ctx.services.recipe.generate(input, aiCaller(ctx), ctx.signal)),

  /** Partial recipes as they arrive, then `{ type: "done", result }`. Unsubscribing stops the upstream call. */
  generateStream: publicProcedure
    .input(GenerateRecipeInput)
    .subscription(({ ctx, input }) =>
      mappedStream(ctx, (signal) => ctx.services.recipe.generateStream(input, aiCaller(ctx), signal)),
    ),

  fromIngredients: publicProcedure
    .meta({
      openapi: { method: "POST", path: "/recipes/from-ingredients", tags: ["recipes"], protect: false, summary: "Recipes from what is in the pantry" },
    })
    .input(FromIngredientsInput)
    .output(FromIngredientsResult)
    .mutation(({ ctx, input }) => ctx.services.recipe.fromIngredients(input, aiCaller(ctx), ctx.signal)),

  quota: publicProcedure
    .meta({ openapi: { method: "GET", path: "/recipes/quota", tags: ["recipes"], protect: false, summary: "The caller's AI quota today" } })
    .output(Quota)
    .query(({ ctx }) => ctx.services.recipe.quota(aiCaller(ctx))),

  /** A recipe from a web page or pasted text, not saved. Signed in: fetching pages on a user's behalf is theirs. */
  import: protectedProcedure
    .input(RecipeImportInput)
    .mutation(({ ctx, input, signal }) => ctx.services.import.import(input, aiCaller(ctx), signal ?? ctx.signal)),
});
