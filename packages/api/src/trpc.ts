/**
 * tRPC initialisation: the one `initTRPC` of Sous, its transformer and error formatter, and the three
 * procedure bases routers build on. Middlewares live in ./middleware; nothing request-specific belongs here.
 */
import { initTRPC, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { DomainError, ServerStoppingError } from "@sous/core";
import type { AppContext } from "./context.js";
import { transformer } from "./transformer.js";
import { boundedZodError } from "./zod-error.js";

/** What clients see instead of a 5xx error's own message (which may name hosts, SQL or upstreams). */
const GENERIC_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  BAD_GATEWAY: "An upstream service returned an invalid answer",
  SERVICE_UNAVAILABLE: "A service Sous depends on is unavailable",
  GATEWAY_TIMEOUT: "An upstream service did not answer in time",
};

// `meta.openapi` maps a procedure onto the REST API (/api, trpc-to-openapi).
const t = initTRPC.context<AppContext>().meta<OpenApiMeta>().create({
  // superjson on the wire; responses serialized in one pass (see transformer.ts).
  transformer,
  // Stacks never go to clients, in development either.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    const serverError = data.httpStatus >= 500;
    const cause = error.cause;
    // Bounded: zod's own message lists every issue, and an input can carry any number of bad keys.
    const invalid = error.code === "BAD_REQUEST" && cause instanceof ZodError ? boundedZodError(cause) : undefined;
    return {
      ...shape,
      // Also at the top: the REST API's error body is this shape's top level ({ code, message, requestId }).
      requestId: ctx?.requestId ?? null,
      message: serverError ? (GENERIC_MESSAGES[error.code] ?? "Internal server error") : (invalid?.message ?? shape.message),
      data: {
        ...data,
        requestId: ctx?.requestId ?? null,
        zodError: invalid?.zodError ?? null,
        retryAfterSeconds: cause instanceof DomainError ? (cause.retryAfterSeconds ?? null) : null,
        // A stream ended because the server is stopping: subscribe again (the web app and @sous/client do).
        reconnect: cause instanceof ServerStoppingError,
      },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure;
