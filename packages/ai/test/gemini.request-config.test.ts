import { startFakeGemini, sampleRecipe, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createGeminiProvider, type GeminiProviderConfig } from "../src/index.js";
import { parseQuantity, tidyRecipe } from "../src/schema/tidy-recipe.js";
import { thinkingFor } from "../src/gemini/thinking.js";

/** The cost side of every Gemini request: thinking, output caps per kind, safety settings, and no paid repairs for usable answers. */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const recipe = sampleRecipe();
const providerFor = (overrides: Partial<GeminiProviderConfig> = {}) =>
  createGeminiProvider({ apiKey: "k", model: "gemini-2.5-flash", baseUrl: fake.url, timeoutMs: 5000, ...overrides });

async function drain<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe("thinkingFor", () => {
  test.each([
    ["gemini-2.5-flash", undefined, { thinkingBudget: 0 }],
    ["gemini-2.5-flash-lite", undefined, { thinkingBudget: 0 }],
    ["gemini-2.5-flash-lite", 100, { thinkingBudget: 512 }],
    ["gemini-2.5-pro", undefined, { thinkingBudget: 128 }],
    ["gemini-2.5-pro", 0, { thinkingBudget: 128 }],
    ["gemini-2.5-pro", 99_999, { thinkingBudget: 32_768 }],
    ["gemini-2.5-flash", 2000, { thinkingBudget: 2000 }],
    ["gemini-3-pro-preview", undefined, { thinkingLevel: "LOW" }],
    ["gemini-3-flash-preview", undefined, { thinkingLevel: "MINIMAL" }],
    ["some-compatible-model", undefined, { thinkingBudget: 0 }],
  ])("%s with budget %s → %j", (model, budget, config) => {
    expect(thinkingFor(model, budget).config).toEqual(config);
  });
});

describe("every request", () => {
  test("carries thinkingConfig, safetySettings and a maxOutputTokens sized for its kind", async () => {
    const provider = providerFor();
    fake.enqueue(
      { json: recipe },
      { json: recipe, chunks: 3 },
      { json: { suggestions: [{ title: recipe.title, summary: "s", uses: [], missing: [], score: 0.5, recipe }] } },
      { text: "Boil it for seven minutes." },
    );
    await provider.generateRecipe({ dish: "pad thai" });
    await drain(provider.streamRecipe({ dish: "pad thai" }));
    await provider.suggest({ ingredients: ["eggs"], count: 1 });
    await drain(provider.chat([{ role: "user", content: "How long do I boil an egg?" }]));
    expect(fake.calls).toBe(4);
    const caps = fake.requests.map((r) => r.body.generationConfig!.maxOutputTokens);
    expect(caps).toEqual([2048, 2048, 256 + 1536, 1024]);
    for (const request of fake.requests) {
      expect(request.body.generationConfig!.thinkingConfig).toEqual({ thinkingBudget: 0 });
      const safety = request.body.safetySettings as { category: string; threshold: string }[];
      expect(safety).toContainEqual({ category: "HARM_CATEGORY_DANGEROUS_CONTENT", threshold: "BLOCK_MEDIUM_AND_ABOVE" });
      expect(safety.map((s) => s.category).sort()).toEqual([
        "HARM_CATEGORY_DANGEROUS_CONTENT",
        "HARM_CATEGORY_HARASSMENT",
        "HARM_CATEGORY_HATE_SPEECH",
        "HARM_CATEGORY_SEXUALLY_EXPLICIT",
      ]);
    }
  });

  test("a thinking budget grows the output cap by as much, so thoughts cannot starve the answer", async () => {
    fake.enqueue({ json: recipe });
    await providerFor({ model: "gemini-2.5-pro", thinkingBudget: 0 }).generateRecipe({ dish: "pad thai" });
    expect(fake.requests[0]!.body.generationConfig).toMatchObject({
      thinkingConfig: { thinkingBudget: 128 },
      maxOutputTokens: 2048 + 128,
    });
  });

  test("the recipe prompt no longer asks for the closest sensible dish", async () => {
    fake.enqueue({ json: recipe });
    await providerFor().generateRecipe({ dish: "pad thai" });
    expect(fake.requests[0]!.systemInstruction).not.toMatch(/closest sensible dish/i);
    expect(fake.requests[0]!.systemInstruction).toMatch(/NOT_A_DISH/);
  });
});

describe("quantity rules: schema, prompt and validation agree, so a usable answer costs no repair", () => {
  test.each([
    ["0", 0],
    ["null", null],
    ["a negative", -1],
    ["'to taste'", "to taste"],
    ["'1/2'", "1/2"],
    ["'2'", "2"],
  ])("quantity %s → accepted without a repair call", async (_name, quantity) => {
    const answer = { ...recipe, ingredients: [...recipe.ingredients, { name: "salt", quantity, unit: "" }] };
    fake.enqueue({ json: answer });
    const result = await providerFor().generateRecipe({ dish: "pad thai" });
    expect(fake.calls).toBe(1);
    const salt = result.recipe.ingredients.at(-1)!;
    expect(salt.name).toBe("salt");
    expect(salt.quantity === undefined || salt.quantity > 0).toBe(true);
    expect(salt).not.toHaveProperty("unit");
  });

  test("a model's NOT_A_DISH answer is a refusal, not a repair and not a dish", async () => {
    fake.enqueue({ json: { title: "NOT_A_DISH", summary: "" } }, { json: recipe });
    await expect(providerFor().generateRecipe({ dish: "a brick" })).rejects.toMatchObject({ kind: "refused" });
    expect(fake.calls).toBe(1);
  });

  test("parseQuantity and tidyRecipe", () => {
    expect([parseQuantity("2"), parseQuantity("1/2"), parseQuantity("1 1/2"), parseQuantity("a pinch")]).toEqual([
      2,
      0.5,
      1.5,
      undefined,
    ]);
    expect(tidyRecipe({ cuisine: null, ingredients: [{ name: "pepper", quantity: "to taste" }] })).toEqual({
      ingredients: [{ name: "pepper", note: "to taste" }],
    });
  });
});
