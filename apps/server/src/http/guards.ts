/**
 * Checks in front of tRPC that need only the request line and headers: each returns why the request is
 * refused, or undefined. They run before the body is read, the context is built or any procedure starts, so
 * a refused request costs no database read, no rate-limit point and no AI quota.
 */
import type { Request } from "express";
import type { Refusal } from "./errors.js";

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Every tRPC POST must declare JSON. Form posts (urlencoded, multipart, text/plain) are what a foreign page
 * can send cross-site without a CORS preflight, so refusing them shuts the classic CSRF door.
 */
export function nonJsonPost(req: Request): Refusal | undefined {
  if (req.method !== "POST") return undefined;
  const type = req.headers["content-type"];
  if (type !== undefined && JSON_TYPE.test(type)) return undefined;
  return { code: "UNSUPPORTED_MEDIA_TYPE", message: "tRPC calls must be sent as application/json" };
}

/** JSON is UTF-8 (RFC 8259): another charset or a compressed body is refused, not guessed at. */
export function unsupportedBodyEncoding(req: Request): Refusal | undefined {
  if (req.method !== "POST") return undefined;
  const charset = CHARSET.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  const encoding = req.headers["content-encoding"]?.toLowerCase() ?? "identity";
  if ((charset === undefined || charset === "utf-8" || charset === "utf8") && encoding === "identity") return undefined;
  return { code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported body encoding" };
}

/**
 * A body announced (Content-Length) over the limit is refused before a byte of it is read: reading it off,
 * as a body parser does to keep the connection, would let one request hold a socket for as long as its
 * sender likes. The caller closes the connection after the answer.
 */
export function announcedBodyTooLarge(req: Request, limitBytes: number): Refusal | undefined {
  const length = req.headers["content-length"];
  if (length === undefined || !(Number(length) > limitBytes)) return undefined;
  return { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large" };
}

/**
 * A POST that carries cookies (the refresh token rides in one) must come from an allowed origin or from this
 * server's own. Browsers send `Origin` on every cross-origin POST; without one, `Sec-Fetch-Site` still tells
 * a cross-site request apart. Tools that send no Origin are not browsers and cannot be CSRF victims.
 */
export function foreignCookieMutation(req: Request, allowedOrigins: ReadonlySet<string>): Refusal | undefined {
  if (req.method !== "POST" || req.headers.cookie === undefined) return undefined;
  return fromForeignPage(req, allowedOrigins) ? { code: "FORBIDDEN", message: "Origin not allowed" } : undefined;
}

/**
 * tRPC GETs (queries, and subscriptions: server-sent events) from a foreign page. A cross-site
 * `<img src=/trpc/chat.stream?…>` would otherwise start a stream on the visitor's address and spend their
 * anonymous AI quota; a page's own `fetch`/`EventSource` from an allowed origin sends that Origin and passes.
 * Queries are refused alike: CORS already hides their answers from a foreign page, so only wasted work was
 * left to it.
 */
export function foreignGet(req: Request, allowedOrigins: ReadonlySet<string>): Refusal | undefined {
  if (req.method !== "GET") return undefined;
  return fromForeignPage(req, allowedOrigins) ? { code: "FORBIDDEN", message: "Cross-site request refused" } : undefined;
}

/** Refuses a tRPC batch of more than `max` calls before any of it is parsed or run. */
export function oversizedBatch(req: Request, max: number): Refusal | undefined {
  if (req.query.batch !== "1") return undefined;
  const procedures = req.path.slice(req.path.lastIndexOf("/") + 1);
  if (procedures.split(",").length <= max) return undefined;
  return { code: "PAYLOAD_TOO_LARGE", message: `A batch may hold at most ${max} calls` };
}

function fromForeignPage(req: Request, allowedOrigins: ReadonlySet<string>): boolean {
  const { origin, host } = req.headers;
  if (origin === undefined) return req.headers["sec-fetch-site"] === "cross-site";
  return !allowedOrigins.has(origin) && !(host !== undefined && origin === `${req.protocol}://${host}`);
}
