import type { Recipe } from "@sous/schemas";
import type { FakeGemini } from "@sous/testkit";
import { createGeminiProvider, type GeminiProviderConfig } from "../src/index.js";

export const padThai: Recipe = {
  title: "Pad Thai",
  summary: "Stir-fried rice noodles with egg, tofu, bean sprouts and peanuts in a tamarind sauce.",
  cuisine: "Thai",
  servings: 2,
  prepMinutes: 20,
  cookMinutes: 10,
  difficulty: "medium",
  diets: ["vegetarian"],
  allergens: ["eggs", "peanuts", "soy"],
  ingredients: [
    { name: "flat rice noodles", quantity: 200, unit: "g" },
    { name: "eggs", quantity: 2 },
    { name: "firm tofu", quantity: 150, unit: "g", note: "cubed" },
    { name: "tamarind paste", quantity: 2, unit: "tbsp" },
    { name: "roasted peanuts", quantity: 40, unit: "g", note: "chopped" },
  ],
  steps: [
    "Soak the noodles in warm water for 20 minutes, then drain.",
    "Fry the tofu until golden, push aside and scramble the eggs.",
    "Add noodles and tamarind sauce, toss for 2 minutes, top with peanuts.",
  ],
  tips: ["Have everything ready before you start: it cooks fast."],
  nutrition: { calories: 620, proteinG: 24, carbsG: 80, fatG: 22 },
};

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
