/**
 * The failure every provider throws. @sous/ai may not import @sous/core, so the kinds are declared here with
 * the same strings as core's `LlmFailureKind`; core's `isLlmFailure` recognises an AiError by its `kind`.
 * Messages are generic: upstream URLs, keys and bodies stay in `cause`.
 */
export type AiFailureKind =
  | "refused" // safety block, prompt block or a finish reason of the same family: never retried
  | "invalid_output" // the answer failed validation after the one repair attempt
  | "timeout" // no answer inside the call's deadline
  | "unavailable" // upstream down, misconfigured, or retries exhausted
  | "rate_limited" // upstream 429 after retries
  | "bad_request" // upstream 400: our request was wrong; not retried
  | "aborted"; // the caller went away

export class AiError extends Error {
  override readonly name = "AiError";
  readonly kind: AiFailureKind;
  /** Seconds the upstream asked us to wait (RetryInfo or Retry-After), when it said so. */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: AiFailureKind, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAiError(error: unknown): error is AiError {
  return error instanceof AiError;
}
