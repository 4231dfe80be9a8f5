/**
 * The REST API at /api for callers that are not TypeScript: the procedures that carry `meta.openapi` (see the
 * routers), served by trpc-to-openapi over the same router, so rate limits, quotas, guards, error mapping and
 * cancellation are /trpc's own. Plain JSON (no superjson: trpc-to-openapi calls procedures through
 * `createCaller` and writes their answers with JSON.stringify), Bearer credentials only (no cookies, so no
 * cross-site mutation can ride on a browser session). Also `/api/openapi.json` and `/api/docs`, a Swagger UI
 * page served from swagger-ui-dist with no inline script, so the CSP stays `script-src 'self'`.
 */
import { appRouter, createContext, type ResponseControls } from "@sous/api";
import type { Services } from "@sous/core";
import express, { type Router } from "express";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { retryAfterSeconds } from "./trpc.js";
import { createOpenApiNodeHttpHandler, generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";

type SchemaObject = NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string];

export const API_ENDPOINT = "/api";

export interface OpenApiRouteOptions {
  services: Services;
  logger: Logger;
  bodyLimitBytes: number;
  /** Aborted when the server shuts down (passed on to procedures, as on /trpc). */
  shutdown: AbortSignal;
}

/** The OpenAPI 3.1 document of the REST API; `baseUrl` is where /api is reached. */
export function openApiDocument(baseUrl = API_ENDPOINT): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: "Sous REST API",
    description:
      "Recipes from a dish name or a pantry, a cooking chat and saved recipes. Authenticate with " +
      "`Authorization: Bearer <access token or API token>`; errors answer `{ code, message, requestId }`.",
    version: "1.0.0",
    baseUrl,
    docsUrl: `${API_ENDPOINT}/docs`,
    tags: ["auth", "recipes", "chat", "saved"],
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An access token or a `sous_` API token" } },
  });
  return withSousErrors(document);
}

/** Answers every operation may give besides trpc-to-openapi's defaults (400, 401, 403, 404, 500). */
const EXTRA_ERRORS: Record<string, string> = {
  "429": "Rate limit or AI quota reached; see the Retry-After header",
  "502": "The model's answer stayed invalid",
  "503": "A service Sous depends on is unavailable",
  "504": "The model did not answer in time",
};

/**
 * trpc-to-openapi describes its error body as exactly `{ message, code, issues? }`; Sous's also carries
 * `requestId` (quote it when reporting a problem) and tRPC's `data`, and may answer 429 and 502-504.
 */
function withSousErrors(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const error = {
    type: "object",
    description: "An error: `code` (e.g. NOT_FOUND), a message for people, and the request id",
    properties: {
      code: { type: "string", example: "TOO_MANY_REQUESTS" },
      message: { type: "string" },
      requestId: { type: ["string", "null"], description: "Also in the X-Request-Id header" },
      issues: { type: "array", items: { type: "object" }, description: "Input problems (400 only)" },
      data: { type: "object", description: "tRPC's error data (httpStatus, zodError, retryAfterSeconds…)" },
    },
    required: ["code", "message", "requestId"],
  } satisfies SchemaObject;
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) schemas[name] = error;
  schemas["error.SOUS"] = error;
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { responses?: Record<string, unknown> }>)) {
      if (!operation.responses) continue;
      for (const [status, description] of Object.entries(EXTRA_ERRORS)) {
        operation.responses[status] ??= {
          description,
          content: { "application/json": { schema: { $ref: "#/components/schemas/error.SOUS" } } },
        };
      }
    }
  }
  return document;
}

export function openApiRoutes(options: OpenApiRouteOptions): Router {
  const { services, logger } = options;
  const router = express.Router();

  // Built once: the router does not change while the process runs.
  const document = JSON.stringify(openApiDocument());
  router.get("/openapi.json", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("application/json").send(document);
  });
  router.get("/docs", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile("docs.html", { root: ASSETS_DIR });
  });
  router.get("/docs/init.js", (_req, res) => res.sendFile("docs-init.js", { root: ASSETS_DIR }));
  router.use("/docs", express.static(swaggerUiDir(), { index: false, maxAge: "1d" }));

  const handler = createOpenApiNodeHttpHandler<typeof appRouter, express.Request, express.Response>({
    router: appRouter,
    maxBodySize: options.bodyLimitBytes,
    createContext: ({ req, res, info }) =>
      createContext({
        services,
        authorization: req.headers.authorization,
        requestId: res.locals.requestId,
        // Behind TRUST_PROXY's proxies, the client's address (the app's `trust proxy`), as on /trpc.
        ip: req.ip ?? "unknown",
        response: headersOnly(res),
        // Aborted when the client goes away: upstream AI calls stop, as on /trpc.
        signal: info.signal,
        shutdown: options.shutdown,
      }),
    // The same Retry-After rule as /trpc (its one home is trpc.ts).
    responseMeta({ errors }) {
      const retryAfter = Math.max(0, ...errors.map(retryAfterSeconds));
      return retryAfter > 0 ? { headers: { "Retry-After": String(retryAfter) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR" || /^(BAD_GATEWAY|SERVICE_UNAVAILABLE|GATEWAY_TIMEOUT)$/.test(error.code)) {
        logger.error({ err: error.cause ?? error, path, code: error.code }, "procedure failed");
      }
    },
  });
  router.use((req, res, next) => {
    // Answers are per caller: no shared or browser cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    // A path no procedure claims falls through to the app's JSON 404 (with the request id).
    handler(req, res, next).catch(next);
  });
  return router;
}

/** REST callers authenticate with Bearer only: cookies are never set; other headers are. */
function headersOnly(res: express.Response): ResponseControls {
  return {
    setCookie() {},
    clearCookie() {},
    setHeader(name, value) {
      if (!res.headersSent) res.setHeader(name, value);
    },
  };
}

// apps/server/assets/api-docs, from src/http (tests, dev) and dist/http (the build) alike.
const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "assets", "api-docs");

function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
}
