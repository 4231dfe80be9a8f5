/**
 * The /trpc route: the request guards, the body limit, then tRPC: a plain query through trpc-query.ts, anything
 * else through tRPC's resolveResponse over fetch-bridge.ts. Builds
 * the api's ContextInput from the request (credentials, cookies, response controls, an abort signal for when
 * the client goes away), logs server errors with their cause, and turns a rate-limit error's retry delay into
 * a `Retry-After` header.
 */
import { appRouter, createContext } from "@sous/api";
import type { CookieOptions, ResponseControls } from "@sous/api";
import type { Services } from "@sous/core";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError, resolveResponse } from "@trpc/server/http";
import { parseCookie, stringifySetCookie } from "cookie";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { readTextBody } from "./body.js";
import type { ClientAddress } from "./client-address.js";
import { sendTrpcError } from "./errors.js";
import { abortedOnClose, appendHeader, toFetchRequest, writeFetchResponse } from "./fetch-bridge.js";
import { foreignCookieMutation, nonJsonPost, oversizedBatch } from "./guards.js";
import { answerPlainQuery, plainQueryPath } from "./trpc-query.js";

export const TRPC_ENDPOINT = "/trpc";

export interface TrpcRouteOptions {
  services: Services;
  logger: Logger;
  allowedOrigins: readonly string[];
  maxBatchSize: number;
  bodyLimitBytes: number;
  /** Cookies get `Secure`; off only for plain-http development. */
  secureCookies: boolean;
}

/** What the HTTP layer in front has already worked out about the request. */
export interface RequestFacts extends ClientAddress {
  requestId: string;
}

export type TrpcRoute = (req: IncomingMessage, res: ServerResponse, facts: RequestFacts) => Promise<void>;

export function trpcRoute(options: TrpcRouteOptions): TrpcRoute {
  const { services, logger, maxBatchSize, secureCookies } = options;
  const allowedOrigins = new Set(options.allowedOrigins);
  return async (req, res, { requestId, ip, protocol }) => {
    // API answers are per caller (and may carry tokens): no shared or browser cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    const url = new URL(req.url ?? "/", `${protocol}://${req.headers.host ?? "localhost"}`);
    let refusal = oversizedBatch(url, maxBatchSize) ?? nonJsonPost(req) ?? foreignCookieMutation(req, allowedOrigins, protocol);
    let body: string | undefined;
    if (!refusal && req.method !== "GET" && req.method !== "HEAD") {
      const read = await readTextBody(req, options.bodyLimitBytes);
      if ("refusal" in read) refusal = read.refusal;
      else body = read.text;
    }
    if (refusal) return sendTrpcError(res, requestId, refusal);

    const signal = abortedOnClose(res);
    const context = () =>
      createContext({
        services,
        authorization: req.headers.authorization,
        requestId,
        ip,
        cookies: cookiesOf(req),
        secureCookies,
        response: responseControls(res, logger, requestId),
        signal,
      });
    // Only an event stream needs tRPC itself to see the client leave (to end the subscription). A Request
    // tied to a signal costs undici a WeakRef and a FinalizationRegistry entry that outlive young-generation
    // GCs: one per call made every scavenge copy them (measured: ~20 µs a call, and longer pauses).
    // Procedures get the signal through the context either way, to cancel upstream work.
    const eventStream = req.headers.accept?.includes("text/event-stream") === true;
    const path = url.pathname.slice(TRPC_ENDPOINT.length + 1).replace(/\/$/, "");
    const resolve = async (error: TRPCError | null) => {
      const request = toFetchRequest(req, url, body, eventStream ? signal : undefined);
      const response = await resolveResponse({ ...resolveOptions(requestId), req: request, path, createContext: context, error });
      await writeFetchResponse(res, response);
    };

    const query = plainQueryPath(req, url, path);
    if (query === undefined) return resolve(null);
    return answerPlainQuery(res, { path: query, url, createContext: context, signal, answerError: resolve });
  };

  function resolveOptions(requestId: string) {
    return {
      router: appRouter,
      maxBatchSize,
      onError({ error, path }: { error: TRPCError; path?: string | undefined }) {
        if (getHTTPStatusCodeFromError(error) >= 500) {
          logger.error({ err: error.cause ?? error, path, requestId, code: error.code }, "procedure failed");
        } else {
          logger.debug({ path, requestId, code: error.code, message: error.message }, "procedure refused");
        }
      },
      responseMeta({ errors }: { errors: TRPCError[] }) {
        const retryAfter = Math.max(0, ...errors.map(retryAfterSeconds));
        return retryAfter > 0 ? { headers: { "Retry-After": String(retryAfter) } } : {};
      },
    };
  }
}

/** Domain errors carry `retryAfterSeconds` (rate limits, quotas, upstream back-off); tRPC keeps them as cause. */
function retryAfterSeconds(error: TRPCError): number {
  const cause = error.cause as { retryAfterSeconds?: unknown } | undefined;
  const value = cause?.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : 0;
}

function cookiesOf(req: IncomingMessage): Record<string, string> {
  const header = req.headers.cookie;
  if (!header) return {};
  const cookies: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseCookie(header))) {
    if (value !== undefined) cookies[name] = value;
  }
  return cookies;
}

function responseControls(res: ServerResponse, logger: Logger, requestId: string): ResponseControls {
  const writable = (what: string) => {
    if (!res.headersSent) return true;
    // Only a streamed response has sent its headers before a procedure ends; cookies cannot follow.
    logger.warn({ requestId, what }, "response headers already sent");
    return false;
  };
  const setCookie = (name: string, value: string, options: CookieOptions, expires?: Date) =>
    appendHeader(res, "Set-Cookie", [
      stringifySetCookie(name, value, {
        httpOnly: options.httpOnly,
        secure: options.secure,
        sameSite: options.sameSite,
        path: options.path,
        ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
        ...(expires ? { expires } : {}),
      }),
    ]);
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
