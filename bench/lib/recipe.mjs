// The recipe the bench's fake Gemini answers: testkit's sample, complete and valid, so Sous's validation passes as
// in production. From testkit's build (`pnpm bench` builds first), its recipes module alone, as scenarios.mjs
// takes the fake Gemini.
import { sampleRecipe } from "../../packages/testkit/dist/recipes.js";

export const BENCH_RECIPE = sampleRecipe();
