import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** An id from a proxy or client is kept when it is plainly an id; anything else could forge or flood logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: echoed in `X-Request-Id` and carried by every log line and error body. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : randomUUID();
}
