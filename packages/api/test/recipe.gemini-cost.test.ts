import { databaseTargets, startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminiHarness, padThai } from "./support/ai.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import type { Harness } from "./support/harness.js";

/**
 * What AI answers cost, through createCaller with the real Gemini provider against the loopback fake: requests
 * that mean the same share one upstream call, every request carries the cost and safety settings, and a safety
 * block maps as the API says.
 */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());

describe.each(databaseTargets())("AI cost controls on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    fake.reset();
    h = await geminiHarness(target, fake);
  });
  afterEach(() => h.close());

  const anonymous = async () => (await h.call()).caller;

  it("empty diets and exclude lists share the key of the options left out; so do spellings of one dish", async () => {
    fake.handle(() => ({ json: padThai }));
    const caller = await anonymous();
    expect((await caller.recipe.generate({ dish: "pad thai" })).cached).toBe(false);
    for (const input of [
      { dish: "pad thai", diets: [], exclude: [] },
      { dish: "pad thai", diets: [] },
      { dish: "pad-thai", exclude: [] },
      { dish: "Pad Thai." },
    ]) {
      expect((await caller.recipe.generate(input)).cached).toBe(true);
    }
    expect(fake.calls).toBe(1);

    const suggestion = { title: "Omelette", summary: "s", uses: ["eggs"], missing: [], score: 1, recipe: padThai };
    fake.handle(() => ({ json: { suggestions: [suggestion] } }));
    await caller.recipe.fromIngredients({ ingredients: ["eggs", "courgettes"], count: 1 });
    const again = await caller.recipe.fromIngredients({ ingredients: ["zucchini", "egg"], count: 1, exclude: [] });
    expect(again.cached).toBe(true);
    expect(fake.calls).toBe(2);
  });

  it("every request carries thinkingConfig, safetySettings and a maxOutputTokens sized for its kind", async () => {
    const caller = await anonymous();
    const suggestion = { title: "Omelette", summary: "s", uses: ["eggs"], missing: [], score: 1, recipe: padThai };
    fake.enqueue(
      { json: padThai },
      { json: padThai, chunks: 3 },
      { json: { suggestions: [suggestion] } },
      { text: "Cook it to 74 °C." },
    );
    await caller.recipe.generate({ dish: "pad thai" });
    for await (const event of await caller.recipe.generateStream({ dish: "green curry" })) void event;
    await caller.recipe.fromIngredients({ ingredients: ["eggs"], count: 1 });
    await caller.chat.send({ message: "What temperature is chicken safe at?" });
    expect(fake.calls).toBe(4);
    const caps = fake.requests.map((r) => r.body.generationConfig?.maxOutputTokens);
    // recipe, streamed recipe, one suggestion, chat: each sized for what it answers, none the old 8,192.
    expect(caps).toEqual([2048, 2048, 1792, 1024]);
    for (const request of fake.requests) {
      expect(request.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 0 });
      expect(request.body.safetySettings).toContainEqual({
        category: "HARM_CATEGORY_DANGEROUS_CONTENT",
        threshold: "BLOCK_MEDIUM_AND_ABOVE",
      });
    }
  });

  it("a safety block: recipe → UNPROCESSABLE_CONTENT, streamed recipe → UNPROCESSABLE_CONTENT, chat → refused", async () => {
    const caller = await anonymous();
    fake.enqueue({ json: padThai, finishReason: "SAFETY" });
    await expectTrpcError(caller.recipe.generate({ dish: "pufferfish liver" }), "UNPROCESSABLE_CONTENT");

    fake.enqueue({ blockReason: "SAFETY" });
    const streamed = (async () => {
      for await (const event of await caller.recipe.generateStream({ dish: "fugu" })) void event;
    })();
    await expectTrpcError(streamed, "UNPROCESSABLE_CONTENT");

    fake.enqueue({ blockReason: "SAFETY" });
    const chat = await caller.chat.send({ message: "How do I prepare fugu at home?" });
    expect(chat.refused).toBe(true);
    expect(fake.calls).toBe(3);
  });
});
