import { type Thinking, thinkingFor } from "./thinking.js";

/** Settings of the Gemini provider; the composition root builds them from env (GEMINI_*). */
export interface GeminiProviderConfig {
  apiKey: string;
  /** e.g. "gemini-2.5-flash"; part of every cache key. */
  model: string;
  /** Override of Google's endpoint (tests, proxies, Gemini-compatible servers). */
  baseUrl?: string | undefined;
  /** One deadline for a whole provider call: every attempt, backoff wait, repair and stream read. */
  timeoutMs: number;
  /** Output caps per kind of call, before thinking is added; defaults in OUTPUT_TOKENS. */
  outputTokens?: Partial<OutputTokens> | undefined;
  /** Thinking tokens per call (GEMINI_THINKING_BUDGET); unset = the least the model allows (see thinking.ts). */
  thinkingBudget?: number | undefined;
  /** Upstream attempts per request, the first included (default 3). */
  maxAttempts?: number | undefined;
  /** Exponential backoff with full jitter: wait random(0, min(maxMs, baseMs * 2^retry)). */
  backoff?: { baseMs?: number | undefined; maxMs?: number | undefined } | undefined;
  logger?: AiLogger | undefined;
}

/** Same shape as core's Logger port (a pino logger fits), declared here because ai may not import core. */
export type AiLogFn = (fields: Record<string, unknown>, message: string) => void;
export interface AiLogger {
  debug: AiLogFn;
  info: AiLogFn;
  warn: AiLogFn;
  error: AiLogFn;
}

/**
 * Answer-token caps sized to what each kind of answer needs, with room to spare: a whole recipe (at most 25
 * ingredients and 15 steps) is about 1,200 tokens of JSON; a chat answer is asked to stay under 250 words
 * (about 350 tokens) unless it writes out a recipe; a suggestion is a shorter recipe plus its match. A cap
 * that is too tight costs a repair call, one that is too loose only bounds a runaway answer.
 */
export interface OutputTokens {
  recipe: number;
  chat: number;
  /** Per dish asked for, plus `recipe`'s overhead once: `suggestOverhead + count * suggestPerDish`. */
  suggestPerDish: number;
  suggestOverhead: number;
}

export const OUTPUT_TOKENS: OutputTokens = { recipe: 2048, chat: 1024, suggestPerDish: 1536, suggestOverhead: 256 };

export interface ResolvedGeminiConfig {
  model: string;
  timeoutMs: number;
  outputTokens: OutputTokens;
  thinking: Thinking;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  logger: AiLogger;
}

const quiet: AiLogFn = () => {};
const silent: AiLogger = { debug: quiet, info: quiet, warn: quiet, error: quiet };

export function resolveConfig(config: GeminiProviderConfig): ResolvedGeminiConfig {
  return {
    model: config.model,
    timeoutMs: config.timeoutMs,
    outputTokens: { ...OUTPUT_TOKENS, ...config.outputTokens },
    thinking: thinkingFor(config.model, config.thinkingBudget),
    maxAttempts: Math.max(1, config.maxAttempts ?? 3),
    backoffBaseMs: config.backoff?.baseMs ?? 500,
    backoffMaxMs: config.backoff?.maxMs ?? 8000,
    logger: config.logger ?? silent,
  };
}
