import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { DomainError, type DomainErrorCode } from "@sous/core";
import { middleware } from "../trpc.js";

const CODES: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  BAD_GATEWAY: "BAD_GATEWAY",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  GATEWAY_TIMEOUT: "GATEWAY_TIMEOUT",
  CLIENT_CLOSED_REQUEST: "CLIENT_CLOSED_REQUEST",
};

/**
 * The one place domain errors become tRPC errors. The domain error stays the `cause` (for logs and the error
 * formatter's `retryAfterSeconds`); a rate-limited answer also gets a `Retry-After` header.
 */
export const domainErrors = middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (!(cause instanceof DomainError)) return result;
  if (cause.retryAfterSeconds !== undefined && cause.code === "TOO_MANY_REQUESTS") {
    ctx.response.setHeader("Retry-After", String(cause.retryAfterSeconds));
  }
  throw toTRPCError(cause);
});

export function toTRPCError(cause: DomainError): TRPCError {
  return new TRPCError({ code: CODES[cause.code], message: cause.message, cause });
}
