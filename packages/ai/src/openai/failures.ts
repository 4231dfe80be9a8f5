import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { AiError } from "../errors.js";
import type { CallScope } from "../shared/call-scope.js";
import { fromStatus, isNetworkError, retryAfterHeaderMs } from "../shared/http-failures.js";
import type { AttemptFailure } from "../shared/retry.js";

/**
 * What a failed attempt against an OpenAI-compatible server means: HTTP statuses as every provider reads them
 * (shared/http-failures.ts) with the Retry-After header the SDK keeps on its APIError; a connection error (the
 * SDK's wrapper around fetch failing) is a retryable network error. The caller going away and the deadline
 * passing win over whatever the SDK reported for them ("aborted", "timeout").
 */
export function classify(error: unknown, scope: CallScope): AttemptFailure {
  const ended = scope.endedFailure(error);
  if (ended) return { failure: ended, retryable: false, retryAfterMs: undefined };
  if (error instanceof AiError) return { failure: error, retryable: false, retryAfterMs: undefined };
  if (error instanceof APIUserAbortError) {
    // Our own signal aborted for a reason the scope does not name (the stream's consumer stopped).
    return { failure: new AiError("aborted", "The request was cancelled", { cause: error }), retryable: false, retryAfterMs: undefined };
  }
  if (error instanceof APIConnectionError || isNetworkError(error)) {
    const failure = new AiError("unavailable", "The recipe model could not be reached", { cause: error });
    return { failure, retryable: true, retryAfterMs: undefined };
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return fromStatus(error.status, error, retryAfterMs(error.headers));
  }
  const failure = new AiError("unavailable", "The recipe model failed", { cause: error });
  return { failure, retryable: false, retryAfterMs: undefined };
}

/** Retry-After (seconds or a date), or OpenAI's retry-after-ms when a server sends that instead. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return retryAfterHeaderMs(headers?.get("retry-after"));
}

/**
 * A 400 about `response_format`: the server does not take a JSON schema (older llama.cpp and vLLM builds,
 * some proxies). Recognised by the parameter the error names, else by its wording.
 */
export function isSchemaRejection(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status !== 400) return false;
  if (error.param === "response_format") return true;
  return /response_format|json_schema/i.test(error.message);
}
