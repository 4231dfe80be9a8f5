import { AiError } from "../errors.js";
import type { AttemptFailure } from "./retry.js";

/**
 * What an HTTP status from a model server means, the same for every provider. Retried: 429, 500, 503, 504 and
 * network errors. Not retried: 400 and other client errors ("bad_request"), 401/403/404 (a wrong key or model:
 * "unavailable" until someone fixes the config), other 5xx ("unavailable").
 */
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

export function fromStatus(status: number, cause: Error, retryAfterMs: number | undefined): AttemptFailure {
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

/** Retry-After: delta-seconds or an HTTP date. */
export function retryAfterHeaderMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function isNetworkError(error: unknown): boolean {
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
