import { ApiError } from "@google/genai";
import { AiError } from "../errors.js";
import type { CallScope } from "../shared/call-scope.js";
import { fromStatus, isNetworkError, retryAfterHeaderMs } from "../shared/http-failures.js";
import type { AttemptFailure } from "../shared/retry.js";

/**
 * What a failed Gemini attempt means: HTTP statuses and network errors as every provider reads them
 * (shared/http-failures.ts), unknown errors "unavailable". The caller going away and the deadline passing
 * win over whatever error the SDK reported for them ("aborted", "timeout"). `retryAfterMs` is
 * RetryInfo.retryDelay in the error body, else the Retry-After header.
 */
export type Classified = AttemptFailure;

/** Filled by the per-attempt fetch wrapper: the SDK's ApiError keeps the body but drops the headers. */
export interface AttemptHints {
  retryAfterHeader?: string | null;
}

export function classify(error: unknown, scope: CallScope, hints: AttemptHints = {}): Classified {
  const ended = scope.endedFailure(error);
  if (ended) return { failure: ended, retryable: false, retryAfterMs: undefined };
  if (error instanceof AiError) return { failure: error, retryable: false, retryAfterMs: undefined };
  if (error instanceof ApiError) {
    const retryAfterMs = retryDelayMs(error.message) ?? retryAfterHeaderMs(hints.retryAfterHeader);
    return fromStatus(error.status, error, retryAfterMs);
  }
  if (isNetworkError(error)) {
    const failure = new AiError("unavailable", "The recipe model could not be reached", { cause: error });
    return { failure, retryable: true, retryAfterMs: undefined };
  }
  const failure = new AiError("unavailable", "The recipe model failed", { cause: error });
  return { failure, retryable: false, retryAfterMs: undefined };
}

/** google.rpc.RetryInfo in the error details: `"retryDelay": "1.5s"` (a protobuf Duration). */
export function retryDelayMs(body: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match ? Number(match[1]) * 1000 : undefined;
}
