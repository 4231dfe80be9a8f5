// The recipe the bench's fake Gemini answers and saves: testkit's sample, complete and valid, so Sous's
// validation passes as in production (from the testkit's build: `pnpm bench` builds first).
import { sampleRecipe } from "@sous/testkit";

export const BENCH_RECIPE = sampleRecipe();
