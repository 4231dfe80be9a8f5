/**
 * The Express app: the HTTP concerns in front of tRPC, in order: request id, access log, security headers,
 * CORS allowlist, probes, then for /trpc the request guards, the JSON body limit and the tRPC handler; the
 * built web app last. Nothing here knows a procedure; everything it needs arrives in `deps`.
 */
import type { Services } from "@sous/core";
import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import helmet, { type HelmetOptions } from "helmet";
import type { Logger } from "pino";
import type { TrustProxy } from "../env.js";
import { accessLog } from "./access-log.js";
import { sendJsonError, sendTrpcError } from "./errors.js";
import { limitBatchSize, requireAllowedOriginForCookieMutations, requireJsonPosts } from "./guards.js";
import { addHealthRoutes } from "./health.js";
import { requestId } from "./request-id.js";
import { trpcHandler } from "./trpc.js";
import { webApp } from "./web-app.js";

export interface HttpAppDeps {
  services: Services;
  logger: Logger;
  allowedOrigins: readonly string[];
  trustProxy: TrustProxy;
  /**
   * Served over HTTPS (directly or behind a TLS proxy): cookies carry `Secure`, and HSTS and
   * upgrade-insecure-requests are sent. Off for plain-http development, where both would break the page.
   */
  secureTransport: boolean;
  /**
   * Google sign-in is configured: the web app loads Google Identity Services, so its script, frame and
   * popup must be allowed by the security headers.
   */
  googleSignIn?: boolean;
  /** Served at `/` when it holds a built web app. */
  webDistDir?: string | undefined;
  /** True once shutdown has begun. */
  isDraining: () => boolean;
  /** Largest JSON body accepted on /trpc, in bytes. Default 100 kB. */
  bodyLimitBytes?: number;
  /** Most calls in one tRPC batch. Default 20. */
  maxBatchSize?: number;
}

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;
export const DEFAULT_MAX_BATCH_SIZE = 20;

export function createHttpApp(deps: HttpAppDeps): express.Express {
  const { logger, isDraining } = deps;
  const maxBatchSize = deps.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  const app = express();
  app.set("trust proxy", deps.trustProxy);
  app.disable("x-powered-by");

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(helmet(securityHeaders(deps)));
  app.use(
    cors({
      origin: [...deps.allowedOrigins],
      credentials: true,
      exposedHeaders: ["X-Request-Id", "Retry-After"],
      maxAge: 600,
    }),
  );
  // While draining, tell keep-alive clients to reconnect (to another instance) after this response.
  app.use((_req, res, next) => {
    if (isDraining()) res.setHeader("Connection", "close");
    next();
  });

  addHealthRoutes(app, { services: deps.services, logger, isDraining });

  app.use(
    "/trpc",
    noStore,
    limitBatchSize(maxBatchSize),
    requireJsonPosts(),
    requireAllowedOriginForCookieMutations(deps.allowedOrigins),
    // Read as text: body-parser enforces the limit (Content-Length or streamed) and tRPC parses the JSON once.
    express.text({ type: "application/json", limit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES }),
    trpcHandler({ services: deps.services, logger, maxBatchSize, secureCookies: deps.secureTransport }),
  );

  const web = deps.webDistDir === undefined ? undefined : webApp(deps.webDistDir);
  if (web) app.use(web);

  app.use((_req, res) => {
    sendJsonError(res, 404, "NOT_FOUND", "Not found");
  });
  app.use(errorHandler(logger));
  return app;
}

/** API answers are per caller (and may carry tokens): no shared or browser cache may keep them. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};

/** Body-parser errors become tRPC-shaped 4xx; anything else is logged and answered with a generic 500. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { type?: unknown; status?: unknown }, req, res, next) => {
    if (res.headersSent) return next(error);
    const trpc = req.originalUrl.startsWith("/trpc");
    if (error.type === "entity.too.large") {
      return sendTrpcError(res, "PAYLOAD_TOO_LARGE", "The request body is too large");
    }
    if (error.type === "charset.unsupported" || error.type === "encoding.unsupported") {
      return sendTrpcError(res, "UNSUPPORTED_MEDIA_TYPE", "Unsupported body encoding");
    }
    if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
      return trpc
        ? sendTrpcError(res, "BAD_REQUEST", "Malformed request")
        : sendJsonError(res, error.status, "BAD_REQUEST", "Malformed request");
    }
    logger.error({ err: error, requestId: res.locals.requestId }, "unhandled error");
    if (trpc) sendTrpcError(res, "INTERNAL_SERVER_ERROR", "Internal server error");
    else sendJsonError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  };
}

/** Google Identity Services, which the sign-in screen loads when a Google client id is configured. */
const GOOGLE_IDENTITY = "https://accounts.google.com/gsi/";

function securityHeaders(deps: HttpAppDeps): HelmetOptions {
  const google = deps.googleSignIn ? [GOOGLE_IDENTITY] : [];
  return {
    strictTransportSecurity: deps.secureTransport,
    // Google's sign-in popup reports back to its opener, which `same-origin` would cut off.
    crossOriginOpenerPolicy: { policy: deps.googleSignIn ? "same-origin-allow-popups" : "same-origin" },
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: deps.secureTransport ? [] : null,
        scriptSrc: ["'self'", ...google],
        frameSrc: ["'self'", ...google],
        connectSrc: ["'self'", ...google],
        styleSrc: ["'self'", "'unsafe-inline'", ...google],
      },
    },
  };
}
