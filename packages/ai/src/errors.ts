import type { LlmFailure, LlmFailureKind } from "@sous/core";

/**
 * The failure every provider throws: core's `LlmFailure`, so core's `isLlmFailure` recognises it by its `kind`.
 * Messages are generic: upstream URLs, keys and bodies stay in `cause`.
 */
export class AiError extends Error implements LlmFailure {
  override readonly name = "AiError";
  readonly kind: LlmFailureKind;
  /** Seconds the upstream asked us to wait (RetryInfo or Retry-After), when it said so. */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: LlmFailureKind, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAiError(error: unknown): error is AiError {
  return error instanceof AiError;
}
