import type { FakeOpenAI } from "@sous/testkit";
import { createOpenAIProvider, type OpenAIProviderConfig } from "../src/index.js";

export { collect, failureOf, padThai } from "./gemini-fixtures.js";

export function openaiFor(fake: FakeOpenAI, overrides: Partial<OpenAIProviderConfig> = {}) {
  return createOpenAIProvider({
    baseUrl: fake.url,
    model: "llama-test",
    timeoutMs: 3000,
    backoff: { baseMs: 5, maxMs: 20 },
    ...overrides,
  });
}

/** The messages of a recorded request as "role: content" lines. */
export const messagesOf = (request: FakeOpenAI["requests"][number]) =>
  (request.body.messages ?? []).map((m) => `${m.role}: ${m.content ?? ""}`);
