/**
 * The one reading of driver errors: what a failed query means to the caller, whichever driver (pg or PGlite)
 * raised it. Core turns "unavailable" into a 503 and "invalid-input" into a 400; anything else stays a bug
 * (500). Kept next to the drivers because only here are their error shapes known.
 */
import { QueryDeadlineError } from "./query-deadline.js";

export type DatabaseFailure = "unavailable" | "invalid-input";

/** Socket errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server that is going away or cannot take the statement now: admin/crash shutdown, "the
 * database system is starting up", too many connections, and query_canceled (statement_timeout).
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300", "57014"]);

/** pg and pg-pool say these in plain messages, with no code: a dead, closed or timed-out connection. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i,
  /^Query read timeout$/,
  /is not queryable/i, // "Client has encountered a connection error and is not queryable", "Client was closed …"
  /Cannot use a pool after calling end/i,
  /driver has already been destroyed/i, // Kysely after destroy()
  /PGlite is closed/i,
  /PGLite not initialized/i,
];

export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const failure = classifyOne(current);
    if (failure) return failure;
  }
  return undefined;
}

function classifyOne(error: Error): DatabaseFailure | undefined {
  if (error instanceof QueryDeadlineError) return "unavailable";
  // Node's happy-eyeballs connect reports every address it tried in one AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => classifyDatabaseError(inner) === "unavailable")) {
    return "unavailable";
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return "unavailable";
    if (/^[0-9A-Z]{5}$/.test(code)) {
      if (UNAVAILABLE_STATES.has(code) || code.startsWith("08")) return "unavailable";
      // Class 22, data exception: a value the column cannot take (bad encoding, out of range, bad syntax).
      if (code.startsWith("22")) return "invalid-input";
    }
  }
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message)) ? "unavailable" : undefined;
}
