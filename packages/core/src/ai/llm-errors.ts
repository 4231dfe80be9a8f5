import {
  CancelledError,
  DomainError,
  RefusedError,
  UnavailableError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../errors.js";
import { isLlmFailure, type LlmFailure } from "../ports/llm.js";

/**
 * What a provider failure means to a caller. The upstream's own rate limit is not the caller's fault, so it
 * is a 503 with the upstream's retry delay, not a 429. A 400 from upstream means our request was wrong: a bad
 * gateway, never the caller's input (that was validated before). "aborted" means the caller left: a 499 that
 * nobody will read, kept apart from failures so it is not logged as one. Anything unrecognised is rethrown
 * untouched (a 500).
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof DomainError || !isLlmFailure(error)) return error;
  return fromFailure(error);
}

function fromFailure(failure: LlmFailure): unknown {
  switch (failure.kind) {
    case "refused":
      return new RefusedError("The recipe model declined to answer this request", failure);
    case "invalid_output":
    case "bad_request":
      return new UpstreamError(undefined, failure);
    case "timeout":
      return new UpstreamTimeoutError(failure);
    case "rate_limited":
      return new UnavailableError("The recipe model", failure, failure.retryAfterSeconds ?? 30);
    case "unavailable":
      return new UnavailableError("The recipe model", failure, failure.retryAfterSeconds);
    case "aborted":
      return new CancelledError(failure);
    default:
      return new UnavailableError("The recipe model", failure);
  }
}

/** Failures that were ours or upstream's, not the caller's: the call's quota unit is given back. */
const REFUNDED_CODES = new Set(["BAD_GATEWAY", "SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT"]);

/**
 * Whether a generation that ended with `error` (already through toDomainError) spends no quota: upstream
 * 5xx, timeouts, invalid output after repair, a dependency down, or a bug (500). A refusal (the model's or
 * the guard's) and a caller who left still count.
 */
export function refundsQuota(error: unknown): boolean {
  return !(error instanceof DomainError) || REFUNDED_CODES.has(error.code);
}
