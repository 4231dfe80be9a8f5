/**
 * Checks in front of tRPC that need the raw request. Each returns why the request is refused, or undefined.
 */
import type { IncomingMessage } from "node:http";
import type { Refusal } from "./errors.js";

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Every tRPC POST must declare JSON. Form posts (urlencoded, multipart, text/plain) are what a foreign page
 * can send cross-site without a CORS preflight, so refusing them shuts the classic CSRF door.
 */
export function nonJsonPost(req: IncomingMessage): Refusal | undefined {
  if (req.method !== "POST") return undefined;
  const type = req.headers["content-type"];
  if (type !== undefined && JSON_TYPE.test(type)) return undefined;
  return { code: "UNSUPPORTED_MEDIA_TYPE", message: "tRPC calls must be sent as application/json" };
}

/**
 * A POST that carries cookies (the refresh token rides in one) must come from an allowed origin or from this
 * server's own. Browsers send `Origin` on every cross-origin POST; without one, `Sec-Fetch-Site` still tells
 * a cross-site request apart. Tools that send no Origin are not browsers and cannot be CSRF victims.
 */
export function foreignCookieMutation(
  req: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
  protocol: string,
): Refusal | undefined {
  if (req.method !== "POST" || req.headers.cookie === undefined) return undefined;
  const { origin, host } = req.headers;
  const ok =
    origin === undefined
      ? req.headers["sec-fetch-site"] !== "cross-site"
      : allowedOrigins.has(origin) || (host !== undefined && origin === `${protocol}://${host}`);
  return ok ? undefined : { code: "FORBIDDEN", message: "Origin not allowed" };
}

/** Refuses a tRPC batch of more than `max` calls before any of it is parsed or run. */
export function oversizedBatch(url: URL, max: number): Refusal | undefined {
  if (url.searchParams.get("batch") !== "1") return undefined;
  const procedures = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  if (procedures.split(",").length <= max) return undefined;
  return { code: "PAYLOAD_TOO_LARGE", message: `A batch may hold at most ${max} calls` };
}
