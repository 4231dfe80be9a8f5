import { type FakeGemini, startFakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { failureOf, padThai, providerFor } from "./gemini-fixtures.js";

/** Retries, deadlines and cancellation, with the real @google/genai client against the loopback fake. */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
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
    const answer = await providerFor(fake).generateRecipe({ dish: "pad thai" });
    expect(answer.recipe).toEqual(padThai);
    expect(fake.calls).toBe(3);
  });

  test.each([500, 504])("%i is retried", async (status) => {
    fake.enqueue({ status }, { json: padThai });
    await providerFor(fake).generateRecipe({ dish: "pad thai" });
    expect(fake.calls).toBe(2);
  });

  test("a dropped connection (network error) is retried", async () => {
    fake.enqueue({ drop: true }, { json: padThai });
    const answer = await providerFor(fake).generateRecipe({ dish: "pad thai" });
    expect(answer.recipe.title).toBe("Pad Thai");
    expect(fake.calls).toBe(2);
  });

  test("three 503s → unavailable after exactly three attempts (the SDK adds none of its own)", async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { status: 503 }, { json: padThai });
    const error = await failureOf(providerFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe("unavailable");
    expect(fake.calls).toBe(3);
  });

  test("maxAttempts is configurable", async () => {
    fake.enqueue({ status: 503 }, { status: 503 }, { json: padThai });
    const error = await failureOf(providerFor(fake, { maxAttempts: 2 }).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe("unavailable");
    expect(fake.calls).toBe(2);
  });

  test("429 with RetryInfo: the server's delay is waited out, then the call succeeds", async () => {
    fake.enqueue({ status: 429, retryDelay: "0.4s" }, { json: padThai });
    const { result, ms } = await elapsed(() => providerFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(result.recipe.title).toBe("Pad Thai");
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(fake.calls).toBe(2);
  });

  test("503 with a Retry-After header: the header's delay is waited out", async () => {
    fake.enqueue({ status: 503, headers: { "retry-after": "1" } }, { json: padThai });
    const { ms } = await elapsed(() => providerFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(fake.calls).toBe(2);
  });

  test("429 until the attempts run out → rate_limited with the server's delay", async () => {
    fake.handle(() => ({ status: 429, retryDelay: "0.05s" }));
    const error = await failureOf(providerFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(1);
    expect(fake.calls).toBe(3);
  });

  test("a requested delay past the deadline is not waited: rate_limited at once, after one call", async () => {
    fake.enqueue({ status: 429, retryDelay: "30s" }, { json: padThai });
    const { result: error, ms } = await elapsed(() =>
      failureOf(providerFor(fake, { timeoutMs: 2000 }).generateRecipe({ dish: "pad thai" })),
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
    [403, "unavailable"],
    [404, "unavailable"],
    [502, "unavailable"],
  ])("%i → %s after exactly one upstream call", async (status, kind) => {
    fake.enqueue({ status }, { json: padThai });
    const error = await failureOf(providerFor(fake).generateRecipe({ dish: "pad thai" }));
    expect(error.kind).toBe(kind);
    expect(fake.calls).toBe(1);
  });
});

describe("deadline and cancellation", () => {
  test("a hang → timeout within the configured timeout, and the upstream request is abandoned", async () => {
    fake.enqueue({ hang: true });
    const { result: error, ms } = await elapsed(() =>
      failureOf(providerFor(fake, { timeoutMs: 300 }).generateRecipe({ dish: "pad thai" })),
    );
    expect(error.kind).toBe("timeout");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
    expect(fake.calls).toBe(1);
    await fake.waitFor((f) => f.aborted === 1);
  });

  test("one deadline covers every attempt and wait: slow failures do not each get a fresh timeout", async () => {
    fake.handle(() => ({ status: 503, delayMs: 200 }));
    const { result: error, ms } = await elapsed(() =>
      failureOf(providerFor(fake, { timeoutMs: 450, maxAttempts: 5 }).generateRecipe({ dish: "pad thai" })),
    );
    expect(["timeout", "unavailable"]).toContain(error.kind);
    expect(ms).toBeLessThan(800);
    expect(fake.calls).toBeLessThanOrEqual(3);
  });

  test("the caller's signal aborts the upstream request → aborted", async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { result: error, ms } = await elapsed(() =>
      failureOf(providerFor(fake).generateRecipe({ dish: "pad thai" }, { signal: controller.signal })),
    );
    expect(error.kind).toBe("aborted");
    expect(ms).toBeLessThan(1000);
    await fake.waitFor((f) => f.aborted === 1);
  });

  test("an already-aborted signal makes no upstream call", async () => {
    const error = await failureOf(
      providerFor(fake).generateRecipe({ dish: "pad thai" }, { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe("aborted");
    expect(fake.calls).toBe(0);
  });

  test("cancelling during a backoff wait stops the retries", async () => {
    fake.handle(() => ({ status: 503, retryDelay: "5s" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const provider = providerFor(fake, { timeoutMs: 10_000 });
    const { result: error, ms } = await elapsed(() =>
      failureOf(provider.generateRecipe({ dish: "pad thai" }, { signal: controller.signal })),
    );
    expect(error.kind).toBe("aborted");
    expect(ms).toBeLessThan(1000);
    expect(fake.calls).toBe(1);
  });
});
