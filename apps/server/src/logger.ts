/**
 * The server's pino logger. Credentials never reach a log line: headers that carry them are censored up to
 * three levels down (req.headers, err.response.config.headers …), and fields named like a token, key, secret
 * or password at the top level or one level down (an `err`, `req`, `input` …), where this codebase puts them.
 */
import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./env.js";

const SECRET_FIELDS = [
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "apiKey",
  "api_key",
  "key",
  "secret",
  "authSecret",
  "password",
];

const SECRET_HEADERS = ["authorization", "cookie", "set-cookie", "x-api-key", "x-goog-api-key"];

export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [`["${field}"]`, `*["${field}"]`]),
  // Headers wherever HTTP clients and servers keep them: req/res, and errors of HTTP clients (err.config,
  // err.response.config) that echo the request they failed.
  ...SECRET_HEADERS.flatMap((header) => [
    `headers["${header}"]`,
    `*.headers["${header}"]`,
    `*.*.headers["${header}"]`,
    `*.*.*.headers["${header}"]`,
  ]),
];

/**
 * Fields some errors carry that must not reach a log line: pg-pool hangs the whole pg client off an idle
 * client's error (`client`, ~3 KB), PGlite puts the statement and its parameters on its errors (`query`,
 * `params`, `queryOptions`): SQL and user data. The message, code and stack say what failed.
 */
const BULKY_ERROR_FIELDS = ["client", "query", "params", "parameters", "queryOptions"];

function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (serialized === null || typeof serialized !== "object") return serialized;
  const record = serialized as Record<string, unknown>;
  // pino folds an Error cause into the message and stack, so only the error's own fields need dropping.
  for (const field of BULKY_ERROR_FIELDS) delete record[field];
  return record;
}

/**
 * Logs go to stdout through an asynchronous destination: lines written while a write is in flight go out
 * together (one syscall instead of one per request), and whatever is buffered is flushed when the process
 * exits, crashes included.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ sync: false })): Logger {
  return pino(
    {
      level,
      base: { service: "sous" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    destination,
  );
}
