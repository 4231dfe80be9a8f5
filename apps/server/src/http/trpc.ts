/**
 * tRPC on Express: builds the api's ContextInput from the request (credentials, cookies, response controls,
 * an abort signal for when the client goes away), logs server errors with their cause, and turns a
 * rate-limit error's retry delay into a `Retry-After` header.
 */
import { appRouter, createContext } from "@sous/api";
import type { CookieOptions, ResponseControls } from "@sous/api";
import type { Services } from "@sous/core";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { parseCookie } from "cookie";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import "./locals.js";

export interface TrpcHandlerOptions {
  services: Services;
  logger: Logger;
  maxBatchSize: number;
  /** Cookies get `Secure`; off only for plain-http development. */
  secureCookies: boolean;
}

export function trpcHandler({ services, logger, maxBatchSize, secureCookies }: TrpcHandlerOptions): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    maxBatchSize,
    createContext: ({ req, res }) =>
      createContext({
        services,
        authorization: req.headers.authorization,
        requestId: res.locals.requestId,
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cookies: cookiesOf(req),
        secureCookies,
        response: responseControls(res, logger),
        signal: abortedOnClose(res),
      }),
    onError({ error, path, req }) {
      const requestId = req.res?.locals.requestId;
      if (getHTTPStatusCodeFromError(error) >= 500) {
        logger.error({ err: error.cause ?? error, path, requestId, code: error.code }, "procedure failed");
      } else {
        logger.debug({ path, requestId, code: error.code, message: error.message }, "procedure refused");
      }
    },
    responseMeta({ errors }) {
      const retryAfter = Math.max(0, ...errors.map(retryAfterSeconds));
      return retryAfter > 0 ? { headers: { "Retry-After": String(retryAfter) } } : {};
    },
  });
}

/** Domain errors carry `retryAfterSeconds` (rate limits, quotas, upstream back-off); tRPC keeps them as cause. */
function retryAfterSeconds(error: TRPCError): number {
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
  const express = (options: CookieOptions) => ({
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite: options.sameSite,
    path: options.path,
    ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds * 1000 }),
  });
  return {
    setCookie(name, value, options) {
      if (writable(`cookie ${name}`)) res.cookie(name, value, express(options));
    },
    clearCookie(name, options) {
      if (writable(`cookie ${name}`)) res.clearCookie(name, express({ ...options, maxAgeSeconds: undefined }));
    },
    setHeader(name, value) {
      if (writable(`header ${name}`)) res.setHeader(name, value);
    },
  };
}

/** Aborted when the connection closes before the response was fully written (the client went away). */
function abortedOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
