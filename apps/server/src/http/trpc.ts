/**
 * The /trpc route: the request guards (guards.ts), the body limit, then tRPC's own Express adapter. Builds the
 * api's ContextInput from the request (credentials, cookies, response controls, the abort signal tRPC gives
 * every call, which fires when the client goes away, and the server's shutdown signal), logs server errors
 * with their cause, and sets `Retry-After` from an error's retry delay (the one place that header is set).
 */
import { appRouter, createContext } from "@sous/api";
import type { CookieOptions, ResponseControls } from "@sous/api";
import type { Services } from "@sous/core";
import type { TRPCError } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { parseCookie, stringifySetCookie } from "cookie";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { Logger } from "pino";
import { sendTrpcError, type Refusal } from "./errors.js";
import {
  announcedBodyTooLarge,
  foreignCookieMutation,
  foreignGet,
  nonJsonPost,
  oversizedBatch,
  unsupportedBodyEncoding,
} from "./guards.js";

export const TRPC_ENDPOINT = "/trpc";

export interface TrpcRouteOptions {
  services: Services;
  logger: Logger;
  allowedOrigins: readonly string[];
  maxBatchSize: number;
  bodyLimitBytes: number;
  /** Cookies get `Secure`; off only for plain-http development. */
  secureCookies: boolean;
  /** Aborted when the server begins to stop: open streams end with an event telling the client to reconnect. */
  shutdown: AbortSignal;
}

export function trpcRoute(options: TrpcRouteOptions): Router {
  const { services, logger, maxBatchSize, bodyLimitBytes, secureCookies, shutdown } = options;
  const allowedOrigins = new Set(options.allowedOrigins);
  const route = express.Router();

  route.use((req, res, next) => {
    // API answers are per caller (and may carry tokens): no shared or browser cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    const tooLarge = announcedBodyTooLarge(req, bodyLimitBytes);
    if (tooLarge) {
      // Nothing of the announced body is read; the connection cannot be reused after it, so it is closed.
      res.setHeader("Connection", "close");
      return refuse(res, tooLarge);
    }
    const refusal =
      oversizedBatch(req, maxBatchSize) ??
      nonJsonPost(req) ??
      unsupportedBodyEncoding(req) ??
      foreignCookieMutation(req, allowedOrigins) ??
      foreignGet(req, allowedOrigins);
    if (refusal) return refuse(res, refusal);
    next();
  });
  route.use(jsonBodyAsText(bodyLimitBytes));
  route.use(
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: bodyLimitBytes,
      maxBatchSize,
      createContext: ({ req, res, info }) =>
        createContext({
          services,
          authorization: req.headers.authorization,
          requestId: res.locals.requestId,
          ip: req.ip ?? "unknown",
          cookies: cookiesOf(req),
          secureCookies,
          response: responseControls(res, logger),
          signal: info.signal,
          shutdown,
        }),
      onError({ error, path, ctx }) {
        const requestId = ctx?.requestId;
        if (getHTTPStatusCodeFromError(error) >= 500) {
          logger.error({ err: error.cause ?? error, path, requestId, code: error.code }, "procedure failed");
        } else {
          logger.debug({ path, requestId, code: error.code, message: error.message }, "procedure refused");
        }
      },
      responseMeta({ errors }) {
        const retryAfter = Math.max(0, ...errors.map(retryAfterSeconds));
        return retryAfter > 0 ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
      },
    }),
  );
  return route;
}

function refuse(res: Response, refusal: Refusal): void {
  sendTrpcError(res, res.locals.requestId, refusal);
}

/**
 * Reads a POST's body as text within the byte limit (streamed bodies too), so tRPC parses the JSON once,
 * itself, from `req.body`. body-parser reads off the rest of an oversized body before the answer goes out,
 * so a client still sending gets the 413 rather than a reset connection; the guards have already refused
 * bodies announced over the limit and every type, charset and encoding but UTF-8 JSON.
 */
function jsonBodyAsText(limitBytes: number): RequestHandler {
  const parse = express.text({ type: () => true, limit: limitBytes, inflate: false });
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const { type, status } = error as { type?: unknown; status?: unknown };
      if (type === "entity.too.large") return refuse(res, { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large" });
      if (typeof status === "number" && status >= 400 && status < 500) return refuse(res, { code: "BAD_REQUEST", message: "Malformed request" });
      next(error);
    });
  };
}

/** Domain errors carry `retryAfterSeconds` (rate limits, quotas, upstream back-off); tRPC keeps them as cause. */
export function retryAfterSeconds(error: TRPCError): number {
  const cause = error.cause as { retryAfterSeconds?: unknown } | undefined;
  const value = cause?.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : 0;
}

function cookiesOf(req: Request): Record<string, string> {
  const header = req.headers.cookie;
  if (!header) return {};
  const cookies: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseCookie(header))) {
    if (value !== undefined) cookies[name] = value;
  }
  return cookies;
}

function responseControls(res: Response, logger: Logger): ResponseControls {
  const writable = (what: string) => {
    if (!res.headersSent) return true;
    // Only a streamed response has sent its headers before a procedure ends; cookies cannot follow.
    logger.warn({ requestId: res.locals.requestId, what }, "response headers already sent");
    return false;
  };
  const setCookie = (name: string, value: string, options: CookieOptions, expires?: Date) =>
    res.append(
      "Set-Cookie",
      stringifySetCookie(name, value, {
        httpOnly: options.httpOnly,
        secure: options.secure,
        sameSite: options.sameSite,
        path: options.path,
        ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
        ...(expires ? { expires } : {}),
      }),
    );
  return {
    setCookie(name, value, options) {
      if (!writable(`cookie ${name}`)) return;
      // Expires too, for the clients that ignore Max-Age.
      const expires = options.maxAgeSeconds === undefined ? undefined : new Date(Date.now() + options.maxAgeSeconds * 1000);
      setCookie(name, value, options, expires);
    },
    clearCookie(name, options) {
      if (writable(`cookie ${name}`)) setCookie(name, "", { ...options, maxAgeSeconds: undefined }, new Date(0));
    },
    setHeader(name, value) {
      if (writable(`header ${name}`)) res.setHeader(name, value);
    },
  };
}
