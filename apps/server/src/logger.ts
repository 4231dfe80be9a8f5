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
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
