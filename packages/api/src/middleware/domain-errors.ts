import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { DomainError, DomainErrorCode } from "@sous/core";

const CODES: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  BAD_GATEWAY: "BAD_GATEWAY",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  GATEWAY_TIMEOUT: "GATEWAY_TIMEOUT",
  CLIENT_CLOSED_REQUEST: "CLIENT_CLOSED_REQUEST",
};

/** A domain error as the tRPC error clients see, the domain error kept as its cause. */
export function toTRPCError(cause: DomainError): TRPCError {
  return new TRPCError({ code: CODES[cause.code], message: cause.message, cause });
}
