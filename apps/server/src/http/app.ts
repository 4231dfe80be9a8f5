/**
 * The HTTP app: one Express app. What every request goes through, in order — request id, access log,
 * security headers, the CORS allowlist — then /trpc (trpc.ts: the request guards and tRPC's Express
 * adapter), the probes, the built web app and the JSON 404. Nothing here knows a procedure; everything it
 * needs arrives in `deps`.
 */
import type { Services } from "@sous/core";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express } from "express";
import helmet, { type HelmetOptions } from "helmet";
import type { Logger } from "pino";
import type { TrustProxy } from "../env.js";
import { accessLog } from "./access-log.js";
import { sendJsonError, sendTrpcError } from "./errors.js";
import { addHealthRoutes } from "./health.js";
import "./locals.js";
import { metricsRoute, type MetricsEndpoint } from "./metrics.js";
import { API_ENDPOINT, openApiRoutes } from "./openapi.js";
import { requestIdOf } from "./request-id.js";
import { TRPC_ENDPOINT, trpcRoute } from "./trpc.js";
import { webApp } from "./web-app.js";
import { sharePage } from "./share-page.js";

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
  /** Aborted when open streams must end (shutdown): each gets a final event telling its client to reconnect. */
  shutdown?: AbortSignal;
  /** Largest JSON body accepted on /trpc, in bytes. Default 100 kB. */
  bodyLimitBytes?: number;
  /** Most calls in one tRPC batch. Default 20. */
  maxBatchSize?: number;
  /** Prometheus metrics and the token that may read them at /metrics; without one /metrics answers 404. */
  metrics?: MetricsEndpoint | undefined;
}

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;
export const DEFAULT_MAX_BATCH_SIZE = 20;

export function createHttpApp(deps: HttpAppDeps): Express {
  const { logger, isDraining } = deps;
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For / -Proto are believed only from the proxies TRUST_PROXY names (req.ip, req.protocol).
  app.set("trust proxy", deps.trustProxy);

  const log = accessLog(logger);
  app.use((req, res, next) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    log(req, res, requestId);
    // While draining, tell keep-alive clients to reconnect (to another instance) after this response.
    if (isDraining()) res.setHeader("Connection", "close");
    next();
  });
  app.use(helmet(helmetOptions(deps)));
  app.use(
    cors({
      origin: [...deps.allowedOrigins],
      credentials: true,
      exposedHeaders: ["X-Request-Id", "Retry-After"],
      maxAge: 600,
    }),
  );

  app.use(
    TRPC_ENDPOINT,
    trpcRoute({
      services: deps.services,
      logger,
      allowedOrigins: deps.allowedOrigins,
      maxBatchSize: deps.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
      bodyLimitBytes: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      secureCookies: deps.secureTransport,
      shutdown: deps.shutdown ?? new AbortController().signal,
    }),
  );
  addHealthRoutes(app, { services: deps.services, logger, isDraining });
  app.use(sharePage(deps.services));
  if (deps.metrics) app.get("/metrics", metricsRoute(deps.metrics));
  app.use(
    API_ENDPOINT,
    openApiRoutes({
      services: deps.services,
      logger,
      bodyLimitBytes: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      shutdown: deps.shutdown ?? new AbortController().signal,
    }),
  );
  const web = deps.webDistDir === undefined ? undefined : webApp(deps.webDistDir);
  if (web) app.use(web);
  app.use((_req, res) => {
    sendJsonError(res, res.locals.requestId, 404, "NOT_FOUND", "Not found");
  });
  app.use(errorHandler(logger));
  return app;
}

/**
 * Malformed requests (a bad path encoding…) answer a JSON 4xx; anything else is logged and answered 500, in
 * tRPC's error shape under /trpc so `@trpc/client` can read it. Mid-stream, the connection is cut.
 */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: unknown }, req, res, next) => {
    if (res.headersSent) return next(error);
    const { requestId } = res.locals;
    const trpc = req.originalUrl.startsWith(`${TRPC_ENDPOINT}/`);
    if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
      if (trpc) return sendTrpcError(res, requestId, { code: "BAD_REQUEST", message: "Malformed request" });
      return sendJsonError(res, requestId, error.status, "BAD_REQUEST", "Malformed request");
    }
    logger.error({ err: error, requestId }, "unhandled error");
    if (trpc) return sendTrpcError(res, requestId, { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" });
    sendJsonError(res, requestId, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
  };
}

/** Google Identity Services, which the sign-in screen loads when a Google client id is configured. */
const GOOGLE_IDENTITY = "https://accounts.google.com/gsi/";

function helmetOptions(deps: HttpAppDeps): HelmetOptions {
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
