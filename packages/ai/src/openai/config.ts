import type { AiLogger } from "../gemini/config.js";
import type { RetryPolicy } from "../shared/retry.js";

/** Settings of the OpenAI-compatible provider; the composition root builds them from env (OPENAI_*). */
export interface OpenAIProviderConfig {
  /** e.g. http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:1234/v1 (LM Studio), https://api.openai.com/v1. */
  baseUrl: string;
  /** Local servers need none; a placeholder is sent then (the SDK insists on one). */
  apiKey?: string | undefined;
  /** e.g. "llama3.1", "gpt-4o-mini"; part of every cache key. */
  model: string;
  /** One deadline for a whole provider call: every attempt, backoff wait, repair and stream read. */
  timeoutMs: number;
  /** `max_tokens` of a recipe or chat call (default 8192); suggestions get it per two dishes asked for. */
  maxOutputTokens?: number | undefined;
  /** Upstream attempts per request, the first included (default 3). */
  maxAttempts?: number | undefined;
  /** Exponential backoff with full jitter: wait random(0, min(maxMs, baseMs * 2^retry)). */
  backoff?: { baseMs?: number | undefined; maxMs?: number | undefined } | undefined;
  logger?: AiLogger | undefined;
}

export interface ResolvedOpenAIConfig extends RetryPolicy {
  model: string;
  timeoutMs: number;
  maxOutputTokens: number;
}

const quiet = () => {};
const silent: AiLogger = { debug: quiet, info: quiet, warn: quiet, error: quiet };

export function resolveOpenAIConfig(config: OpenAIProviderConfig): ResolvedOpenAIConfig {
  return {
    model: config.model,
    timeoutMs: config.timeoutMs,
    maxOutputTokens: config.maxOutputTokens ?? 8192,
    maxAttempts: Math.max(1, config.maxAttempts ?? 3),
    backoffBaseMs: config.backoff?.baseMs ?? 500,
    backoffMaxMs: config.backoff?.maxMs ?? 8000,
    logger: config.logger ?? silent,
  };
}
