import { type FakeOpenAI, startFakeOpenAI } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { failureOf, openaiFor, padThai } from "./openai-fixtures.js";

/** Retries, deadlines and cancellation, with the real `openai` SDK against the loopback fake. */
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const elapsed = async <T>(run: () => Promise<T>) => {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
};

describe("retries", () => {
  test("503, 503, 200 → success on the third attempt", async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { json: padThai });
    const answer = await openaiFor(fake).generateRecipe({ dish: "pad thai" });
    expect(answer.recipe).toEqual(padThai);
    expect(fake.calls).toBe(3);
  });

  test.each([500, 504])("%i is retried", async (status) => {
    fake.enqueue({ status }, { json: padThai });
    await openaiFor(fake).generateRecipe({ dish: "pad thai" });
    expect(fake.calls).toBe(2);
  });

  test("a dropped connection (network error) is retried", async () => {
    fake.enqueue({ drop: true }, { json: padThai });
    const answer = await openaiFor(fake).generateRecipe({ dish: "pad thai" });
    expect(answer.recipe.title).toBe("Pad Thai");
    expect(fake.calls).toBe(2);
  });

  test("three 503s → unavailable after exactly three attempts (the SDK adds none of its own)", async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { status: 503 }, { json: padThai });
    const error = await failureOf(openaiFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe("unavailable");
    expect(fake.calls).toBe(3);
  });

  test("429 with Retry-After: the server's delay is waited out, then the call succeeds", async () => {
    fake.enqueue({ status: 429, headers: { "retry-after": "1" } }, { json: padThai });
    const { result, ms } = await elapsed(() => openaiFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(result.recipe.title).toBe("Pad Thai");
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(fake.calls).toBe(2);
  });

  test("429 until the attempts run out → rate_limited with the server's delay", async () => {
    fake.handle(() => ({ status: 429, headers: { "retry-after-ms": "50" } }));
    const error = await failureOf(openaiFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(1);
    expect(fake.calls).toBe(3);
  });

  test("a requested delay past the deadline is not waited: rate_limited at once, after one call", async () => {
    fake.enqueue({ status: 429, headers: { "retry-after": "30" } }, { json: padThai });
    const { result: error, ms } = await elapsed(() =>
      failureOf(openaiFor(fake, { timeoutMs: 2000 }).generateRecipe({ dish: "pad thai" })),
    );
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(30);
    expect(ms).toBeLessThan(1000);
    expect(fake.calls).toBe(1);
  });

  test.each([
    [400, "bad_request"],
    [422, "bad_request"],
    [401, "unavailable"],
    [404, "unavailable"],
    [502, "unavailable"],
  ])("%i → %s after exactly one upstream call", async (status, kind) => {
    fake.enqueue({ status }, { json: padThai });
    const error = await failureOf(openaiFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe(kind);
    expect(fake.calls).toBe(1);
  });
});

describe("deadline and cancellation", () => {
  test("a hang → timeout within the configured timeout, and the upstream request is abandoned", async () => {
    fake.enqueue({ hang: true });
    const { result: error, ms } = await elapsed(() =>
      failureOf(openaiFor(fake, { timeoutMs: 300 }).generateRecipe({ dish: "pad thai" })),
    );
    expect(error.kind).toBe("timeout");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
    expect(fake.calls).toBe(1);
    await fake.waitFor((f) => f.aborted === 1);
  });

  test("the caller's signal aborts the upstream request → aborted", async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(openaiFor(fake).generateRecipe({ dish: "pad thai" }, { signal: controller.signal }));
    expect(error.kind).toBe("aborted");
    await fake.waitFor((f) => f.aborted === 1);
  });

  test("an already-aborted signal makes no upstream call", async () => {
    const error = await failureOf(openaiFor(fake).generateRecipe({ dish: "pad thai" }, { signal: AbortSignal.abort() }));
    expect(error.kind).toBe("aborted");
    expect(fake.calls).toBe(0);
  });
});
