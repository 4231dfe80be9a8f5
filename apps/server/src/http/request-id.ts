import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import "./locals.js";

/** An id from a proxy or client is kept when it is plainly an id; anything else could forge or flood logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id, echoed in `X-Request-Id` and carried by every log line and error body. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    next();
  };
}
