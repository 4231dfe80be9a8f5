import { sampleRecipe, type FakeGemini } from "@sous/testkit";
import { createGeminiProvider, type GeminiProviderConfig } from "../src/index.js";

/** The recipe the fake Gemini answers. */
export const padThai = sampleRecipe();

export function providerFor(fake: FakeGemini, overrides: Partial<GeminiProviderConfig> = {}) {
  return createGeminiProvider({
    apiKey: "test-key",
    model: "gemini-test",
    baseUrl: fake.url,
    timeoutMs: 3000,
    backoff: { baseMs: 5, maxMs: 20 },
    ...overrides,
  });
}

export async function failureOf(promise: Promise<unknown>): Promise<{ kind?: string; retryAfterSeconds?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind?: string; retryAfterSeconds?: number };
  }
  throw new Error("expected the call to fail");
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
