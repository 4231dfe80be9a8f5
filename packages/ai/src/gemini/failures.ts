import { ApiError } from "@google/genai";
import { AiError } from "../errors.js";
import type { CallScope } from "./call-scope.js";

/**
 * What a failed upstream attempt means. Retried: 429, 500, 503, 504 and network errors. Not retried: 400 and
 * other client errors ("bad_request"), 401/403/404 (a wrong key or model: "unavailable" until someone fixes
 * the config), other 5xx and unknown errors ("unavailable"). The caller going away and the deadline passing
 * win over whatever error the SDK reported for them ("aborted", "timeout").
 */
export interface Classified {
  failure: AiError;
  retryable: boolean;
  /** The server's requested wait: RetryInfo.retryDelay in the error body, else the Retry-After header. */
  retryAfterMs: number | undefined;
}

/** Filled by the per-attempt fetch wrapper: the SDK's ApiError keeps the body but drops the headers. */
export interface AttemptHints {
  retryAfterHeader?: string | null;
}

const RETRYABLE = new Set([429, 500, 503, 504]);
const MISCONFIGURED = new Set([401, 403, 404]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);

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

function fromStatus(status: number, cause: ApiError, retryAfterMs: number | undefined): Classified {
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(retryAfterMs / 1000));
  const options = retryAfterSeconds === undefined ? { cause } : { cause, retryAfterSeconds };
  const retryable = RETRYABLE.has(status);
  if (status === 429) {
    return { failure: new AiError("rate_limited", "The recipe model is busy", options), retryable, retryAfterMs };
  }
  if (status >= 400 && status < 500 && !MISCONFIGURED.has(status) && status !== 408) {
    const failure = new AiError("bad_request", "The recipe model rejected the request", { cause });
    return { failure, retryable, retryAfterMs };
  }
  return { failure: new AiError("unavailable", "The recipe model is unavailable", options), retryable, retryAfterMs };
}

/** google.rpc.RetryInfo in the error details: `"retryDelay": "1.5s"` (a protobuf Duration). */
export function retryDelayMs(body: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Retry-After: delta-seconds or an HTTP date. */
export function retryAfterHeaderMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    // undici: "fetch failed" when connecting fails, "terminated" when the body is cut off.
    if (current instanceof TypeError && (current.message === "fetch failed" || current.message === "terminated")) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
