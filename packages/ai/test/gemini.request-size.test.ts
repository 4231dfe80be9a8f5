import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createGeminiProvider } from "../src/index.js";
import { sampleRecipe } from "@sous/testkit";

/**
 * What one recipe call sends: the request body's characters and the input tokens the fake reports for it
 * (its estimate over system instruction, contents and response schema). Printed, and held under a ceiling so
 * that a prompt or schema that grows by accident shows up here.
 */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());

test("one recipe call's input size", async () => {
  const provider = createGeminiProvider({ apiKey: "k", model: "gemini-2.5-flash", baseUrl: fake.url, timeoutMs: 5000 });
  fake.enqueue({ json: sampleRecipe() });
  const answer = await provider.generateRecipe({ dish: "pad thai", servings: 2, diets: ["vegetarian"], exclude: ["peanuts"] });
  const request = fake.requests[0]!;
  const chars = JSON.stringify(request.body).length;
  console.log(`recipe request: ${chars} characters, ${answer.usage?.inputTokens} input tokens (fake estimate)`);
  expect(answer.usage?.inputTokens).toBeGreaterThan(0);
  expect(chars).toBeLessThan(100_000);
});
