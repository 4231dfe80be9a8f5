/**
 * The HTTP app: what every request goes through, in order — request id, access log, security headers, the
 * CORS allowlist — then /trpc to the tRPC route (trpc.ts), and everything else (probes, the built web app,
 * the JSON 404) to a small Express app. Nothing here knows a procedure; everything it needs arrives in `deps`.
 *
 * /trpc does not go through Express: on the hot path Express's routing cost as much CPU as Sous's own
 * middleware and a database read together (see fetch-bridge.ts). helmet and cors are plain Node middleware
 * and run here unchanged, for every route.
 */
import type { Services } from "@sous/core";
import cors from "cors";
import express, { type ErrorRequestHandler } from "express";
import helmet, { type HelmetOptions } from "helmet";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { TrustProxy } from "../env.js";
import { accessLog } from "./access-log.js";
import { clientAddressResolver } from "./client-address.js";
import { sendJsonError, sendTrpcError } from "./errors.js";
import { addHealthRoutes } from "./health.js";
import { metricsRoute, type MetricsEndpoint } from "./metrics.js";
import { API_ENDPOINT, openApiRoutes } from "./openapi.js";
import { setLocals } from "./locals.js";
import { requestIdOf } from "./request-id.js";
import { TRPC_ENDPOINT, trpcRoute } from "./trpc.js";
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
  /** Prometheus metrics and the token that may read them at /metrics; without one /metrics answers 404. */
  metrics?: MetricsEndpoint | undefined;
}

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;
export const DEFAULT_MAX_BATCH_SIZE = 20;

export function createHttpApp(deps: HttpAppDeps): RequestListener {
  const { logger, isDraining } = deps;
  const addressOf = clientAddressResolver(deps.trustProxy);
  const log = accessLog(logger);
  const securityHeaders = helmet(helmetOptions(deps));
  const corsAllowlist = cors({
    origin: [...deps.allowedOrigins],
    credentials: true,
    exposedHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  });
  const trpc = trpcRoute({
    services: deps.services,
    logger,
    allowedOrigins: deps.allowedOrigins,
    maxBatchSize: deps.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    bodyLimitBytes: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    secureCookies: deps.secureTransport,
  });
  const other = otherRoutes(deps);

  return (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader("X-Request-Id", requestId);
    const address = addressOf(req);
    log(req, res, requestId, address.ip);
    const failed = (error: unknown) => answerUnexpected(res, requestId, logger, error);
    securityHeaders(req, res, (error?: unknown) => {
      if (error) return failed(error);
      corsAllowlist(req, res, (error?: unknown) => {
        if (error) return failed(error);
        // While draining, tell keep-alive clients to reconnect (to another instance) after this response.
        if (isDraining()) res.setHeader("Connection", "close");
        if (isTrpcPath(req.url)) {
          trpc(req, res, { requestId, ...address }).catch(failed);
        } else {
          setLocals(res, { requestId });
          other(req, res);
        }
      });
    });
  };
}

function isTrpcPath(url = "/"): boolean {
  if (!url.startsWith(TRPC_ENDPOINT)) return false;
  const next = url.charAt(TRPC_ENDPOINT.length);
  return next === "" || next === "/" || next === "?";
}

/** A throw nothing else caught: logged, answered with a generic 500, or the connection cut mid-stream. */
function answerUnexpected(res: ServerResponse, requestId: string, logger: Logger, error: unknown): void {
  logger.error({ err: error, requestId }, "unhandled error");
  if (res.headersSent) res.destroy();
  else sendTrpcError(res, requestId, { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" });
}

/** Probes, the built web app and the JSON 404: Express, off the hot path. */
function otherRoutes(deps: HttpAppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const app = express();
  app.disable("x-powered-by");
  addHealthRoutes(app, { services: deps.services, logger: deps.logger, isDraining: deps.isDraining });
  if (deps.metrics) app.get("/metrics", metricsRoute(deps.metrics));
  app.use(
    API_ENDPOINT,
    openApiRoutes({
      services: deps.services,
      logger: deps.logger,
      trustProxy: deps.trustProxy,
      bodyLimitBytes: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    }),
  );
  const web = deps.webDistDir === undefined ? undefined : webApp(deps.webDistDir);
  if (web) app.use(web);
  app.use((_req, res) => {
    sendJsonError(res, res.locals.requestId, 404, "NOT_FOUND", "Not found");
  });
  app.use(errorHandler(deps.logger));
  return app;
}

/** Malformed requests (a bad path encoding…) answer a JSON 4xx; anything else is logged and answered 500. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const { requestId } = res.locals;
    if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
      return sendJsonError(res, requestId, error.status, "BAD_REQUEST", "Malformed request");
    }
    logger.error({ err: error, requestId }, "unhandled error");
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
