/**
 * Checks in front of tRPC that need the raw request. Each answers with a tRPC-shaped error body.
 */
import type { Request, RequestHandler } from "express";
import { sendTrpcError } from "./errors.js";

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Every tRPC POST must declare JSON. Form posts (urlencoded, multipart, text/plain) are what a foreign page
 * can send cross-site without a CORS preflight, so refusing them shuts the classic CSRF door.
 */
export function requireJsonPosts(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    const type = req.headers["content-type"];
    if (type !== undefined && JSON_TYPE.test(type)) return next();
    sendTrpcError(res, "UNSUPPORTED_MEDIA_TYPE", "tRPC calls must be sent as application/json");
  };
}

/**
 * A POST that carries cookies (the refresh token rides in one) must come from an allowed origin or from this
 * server's own. Browsers send `Origin` on every cross-origin POST; without one, `Sec-Fetch-Site` still tells
 * a cross-site request apart. Tools that send no Origin are not browsers and cannot be CSRF victims.
 */
export function requireAllowedOriginForCookieMutations(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (req.method !== "POST" || req.headers.cookie === undefined) return next();
    const origin = req.headers.origin;
    const ok =
      origin === undefined ? req.headers["sec-fetch-site"] !== "cross-site" : allowed.has(origin) || origin === ownOrigin(req);
    if (ok) return next();
    sendTrpcError(res, "FORBIDDEN", "Origin not allowed");
  };
}

function ownOrigin(req: Request): string | undefined {
  const host = req.headers.host;
  return host === undefined ? undefined : `${req.protocol}://${host}`;
}

/** Refuses a tRPC batch of more than `max` calls before any of it is parsed or run. */
export function limitBatchSize(max: number): RequestHandler {
  return (req, res, next) => {
    if (req.query["batch"] !== "1") return next();
    const calls = req.path.slice(1).split(",").length;
    if (calls <= max) return next();
    sendTrpcError(res, "PAYLOAD_TOO_LARGE", `A batch may hold at most ${max} calls`);
  };
}
