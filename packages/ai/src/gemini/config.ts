/** Settings of the Gemini provider; the composition root builds them from env (GEMINI_*). */
export interface GeminiProviderConfig {
  apiKey: string;
  /** e.g. "gemini-2.5-flash"; part of every cache key. */
  model: string;
  /** Override of Google's endpoint (tests, proxies, Gemini-compatible servers). */
  baseUrl?: string | undefined;
  /** One deadline for a whole provider call: every attempt, backoff wait, repair and stream read. */
  timeoutMs: number;
  /** Output cap of a recipe or chat call (default 8192); suggestions get it per two dishes asked for. */
  maxOutputTokens?: number | undefined;
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

export interface ResolvedGeminiConfig {
  model: string;
  timeoutMs: number;
  maxOutputTokens: number;
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
    maxOutputTokens: config.maxOutputTokens ?? 8192,
    maxAttempts: Math.max(1, config.maxAttempts ?? 3),
    backoffBaseMs: config.backoff?.baseMs ?? 500,
    backoffMaxMs: config.backoff?.maxMs ?? 8000,
    logger: config.logger ?? silent,
  };
}
