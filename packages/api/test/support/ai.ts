import { createGeminiProvider, type GeminiProviderConfig } from "@sous/ai";
import type { AiConfig, PageFetcher } from "@sous/core";
import type { Recipe } from "@sous/schemas";
import { sampleRecipe, type DatabaseTarget, type FakeGemini, type FakeGeminiRequest } from "@sous/testkit";
import { createHarness, type Harness } from "./harness.js";

/** A complete recipe as the fake Gemini answers it. */
export const padThai = sampleRecipe();

/** The same dish without peanuts: what a regeneration asked to leave them out answers. */
export const padThaiNoPeanuts: Recipe = {
  ...padThai,
  allergens: ["eggs", "soy"],
  ingredients: padThai.ingredients.filter((i) => !i.name.includes("peanut")),
  steps: [...padThai.steps.slice(0, 2), "Add noodles and tamarind sauce and toss for 2 minutes."],
};

export const GEMINI_TEST_MODEL = "gemini-test";

/**
 * The real Gemini provider (real @google/genai client) pointed at the loopback fake, with quick backoff. The
 * deadline is generous so a loaded CI machine does not turn a slow retry into a timeout; timeout tests set
 * their own.
 */
export function geminiFor(fake: FakeGemini, overrides: Partial<GeminiProviderConfig> = {}) {
  return createGeminiProvider({
    apiKey: "test-key",
    model: GEMINI_TEST_MODEL,
    baseUrl: fake.url,
    timeoutMs: 10_000,
    backoff: { baseMs: 5, maxMs: 20 },
    ...overrides,
  });
}

/** Real services on `target` whose AI provider is Gemini against `fake`. */
export function geminiHarness(
  target: DatabaseTarget,
  fake: FakeGemini,
  options: { aiConfig?: AiConfig; gemini?: Partial<GeminiProviderConfig>; pageFetcher?: PageFetcher } = {},
) {
  return createHarness(target, {
    ...(options.pageFetcher ? { pageFetcher: options.pageFetcher } : {}),
    ai: { provider: geminiFor(fake, options.gemini) },
    aiConfig: { perDayAnonymous: 1000, perDaySignedIn: 1000, concurrencyPerSubject: 1000, ...options.aiConfig },
  });
}

/** The text of every content of a recorded request, as "role: text". */
export function contentsOf(request: FakeGeminiRequest | undefined): string[] {
  return (request?.body.contents ?? []).map((c) => `${c.role}: ${(c.parts ?? []).map((p) => p.text ?? "").join("")}`);
}

export async function elapsed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

/** ai_usage rows once buffered usage is written, plain: day as YYYY-MM-DD and token counts as numbers (bigint columns arrive as strings). */
export async function usageRows(h: Pick<Harness, "db" | "services">) {
  await h.services.usage.flush();
  const rows = await h.db
    .selectFrom("ai_usage")
    .select((eb) => ["subject", "calls", "input_tokens", "output_tokens", eb.cast<string>("day", "text").as("day")])
    .orderBy("subject")
    .execute();
  return rows.map((r) => ({
    subject: r.subject,
    day: r.day,
    calls: Number(r.calls),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
  }));
}
