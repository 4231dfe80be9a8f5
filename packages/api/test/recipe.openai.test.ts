import { cacheKey, type DomainError } from "@sous/core";
import { databaseTargets, startFakeOpenAI, type FakeOpenAI } from "@sous/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { elapsed, openaiHarness, padThai } from "./support/ai.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import type { Harness } from "./support/harness.js";

/**
 * recipe.* through createCaller with the OpenAI-compatible provider: real services on a real database, the
 * real `openai` SDK against the loopback fake OpenAI server. The Gemini matrix (recipe.gemini.test.ts), again.
 */
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

describe.each(databaseTargets())("recipe with an OpenAI-compatible server on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    fake.reset();
    h = await openaiHarness(target, fake);
  });
  afterEach(() => h.close());

  const anonymous = async () => (await h.call()).caller;

  it("returns a validated recipe (source openai), then serves the same request from the cache", async () => {
    fake.enqueue({ json: padThai });
    const caller = await anonymous();
    expect(await caller.recipe.generate({ dish: "pad thai" })).toEqual({
      recipe: padThai,
      source: "openai",
      cached: false,
      warnings: [],
    });
    expect((await caller.recipe.generate({ dish: "  Pad   THAI " })).cached).toBe(true);
    expect(fake.calls).toBe(1);
  });

  it("the cache key includes the provider and the model", () => {
    const input = { dish: "pad thai" };
    const keys = new Set(
      [
        { provider: "openai", model: "llama-test" },
        { provider: "openai", model: "qwen-test" },
        { provider: "gemini", model: "llama-test" },
      ].map((p) => cacheKey({ kind: "recipe", promptVersion: "v", input, ...p })),
    );
    expect(keys.size).toBe(3);
  });

  it("invalid, then valid: one repair call", async () => {
    fake.enqueue({ text: '{"title": "Pad Thai", "servings": "two"' }, { json: padThai });
    const result = await (await anonymous()).recipe.generate({ dish: "pad thai" });
    expect(result.recipe).toEqual(padThai);
    expect(fake.calls).toBe(2);
  });

  it("invalid twice → BAD_GATEWAY with a generic message, and nothing is cached", async () => {
    fake.enqueue({ text: "not json at all" }, { json: { title: "half a recipe" } });
    const error = await expectTrpcError((await anonymous()).recipe.generate({ dish: "pad thai" }), "BAD_GATEWAY");
    expect(error.message).not.toMatch(/127\.0\.0\.1|json|llama-test/i);
    expect(fake.calls).toBe(2);
    fake.enqueue({ json: padThai });
    expect((await (await anonymous()).recipe.generate({ dish: "pad thai" })).cached).toBe(false);
    expect(fake.calls).toBe(3);
  });

  it("503, 503, 200 → success on the third attempt", async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { json: padThai });
    expect((await (await anonymous()).recipe.generate({ dish: "pad thai" })).recipe.title).toBe("Pad Thai");
    expect(fake.calls).toBe(3);
  });

  it("429 with Retry-After: the delay is honoured, then the call succeeds", async () => {
    fake.enqueue({ status: 429, headers: { "retry-after": "1" } }, { json: padThai });
    const { result, ms } = await elapsed(async () => (await anonymous()).recipe.generate({ dish: "pad thai" }));
    expect(result.recipe.title).toBe("Pad Thai");
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(fake.calls).toBe(2);
  });

  it("429 until the attempts run out → SERVICE_UNAVAILABLE with the upstream's delay", async () => {
    fake.handle(() => ({ status: 429, headers: { "retry-after-ms": "50" } }));
    const error = await expectTrpcError((await anonymous()).recipe.generate({ dish: "pad thai" }), "SERVICE_UNAVAILABLE");
    expect((error.cause as DomainError).retryAfterSeconds).toBe(1);
    expect(fake.calls).toBe(3);
  });

  it("400 → BAD_GATEWAY after exactly one upstream call", async () => {
    fake.enqueue({ status: 400 }, { json: padThai });
    await expectTrpcError((await anonymous()).recipe.generate({ dish: "pad thai" }), "BAD_GATEWAY");
    expect(fake.calls).toBe(1);
  });

  it("a hang → GATEWAY_TIMEOUT within the timeout", async () => {
    await h.close();
    h = await openaiHarness(target, fake, { openai: { timeoutMs: 400 } });
    fake.enqueue({ hang: true });
    const { result: error, ms } = await elapsed(() =>
      expectTrpcError(anonymous().then((c) => c.recipe.generate({ dish: "pad thai" })), "GATEWAY_TIMEOUT"),
    );
    expect(error.message).toBe("The recipe model did not answer in time");
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1500);
    await fake.waitFor((f) => f.aborted === 1);
  });

  it("finish reason length → one repair; content_filter → UNPROCESSABLE_CONTENT, not retried", async () => {
    fake.enqueue({ text: JSON.stringify(padThai).slice(0, 90), finishReason: "length" }, { json: padThai });
    expect((await (await anonymous()).recipe.generate({ dish: "pad thai" })).recipe).toEqual(padThai);
    expect(fake.calls).toBe(2);

    fake.reset();
    fake.enqueue({ json: padThai, finishReason: "content_filter" }, { json: padThai });
    await expectTrpcError((await anonymous()).recipe.generate({ dish: "green curry" }), "UNPROCESSABLE_CONTENT");
    expect(fake.calls).toBe(1);
  });

  it("over-long input → BAD_REQUEST with zero upstream calls", async () => {
    const caller = await anonymous();
    await expectTrpcError(caller.recipe.generate({ dish: "x".repeat(121) }), "BAD_REQUEST");
    await expectTrpcError(caller.recipe.fromIngredients({ ingredients: Array(31).fill("egg") }), "BAD_REQUEST");
    await expectTrpcError(caller.chat.send({ message: "x".repeat(2001) }), "BAD_REQUEST");
    expect(fake.calls).toBe(0);
  });

  it("100 concurrent identical requests → exactly one upstream call", async () => {
    fake.enqueue({ json: padThai, delayMs: 150 });
    const caller = await anonymous();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => caller.recipe.generate({ dish: i % 2 ? "Pad Thai" : "pad thai " })),
    );
    expect(fake.calls).toBe(1);
    expect(results.filter((r) => !r.cached)).toHaveLength(1);
  });

  it("a server that refuses json_schema → JSON mode, and the recipe still validates", async () => {
    fake.rejectJsonSchema();
    fake.enqueue({ json: padThai }, { json: padThai });
    const caller = await anonymous();
    expect((await caller.recipe.generate({ dish: "pad thai" })).recipe).toEqual(padThai);
    expect((await caller.recipe.generate({ dish: "laksa" })).recipe).toEqual(padThai);
    expect(fake.requests.map((r) => r.body.response_format?.type)).toEqual(["json_schema", "json_object", "json_object"]);
  });

  it("fromIngredients returns checked suggestions with source openai", async () => {
    const suggestion = { title: "Pad Thai", summary: padThai.summary, uses: ["eggs"], missing: [], score: 0.8, recipe: padThai };
    fake.enqueue({ json: { suggestions: [suggestion] } });
    const first = await (await anonymous()).recipe.fromIngredients({ ingredients: ["rice noodles", "eggs"], count: 1 });
    expect(first).toEqual({ suggestions: [suggestion], source: "openai", cached: false });
  });
});
