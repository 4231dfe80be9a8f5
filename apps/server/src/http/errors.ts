/**
 * Error bodies written by the HTTP layer itself (before or beside tRPC), shaped like tRPC's own so
 * `@trpc/client` reads them as a TRPCClientError with `data.code`, `data.httpStatus` and `data.requestId`.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { Response } from "express";
import superjson from "superjson";
import "./locals.js";

export function sendTrpcError(res: Response, code: TRPC_ERROR_CODE_KEY, message: string): void {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const shape = {
    message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus, requestId: res.locals.requestId },
  };
  res.status(httpStatus).json({ error: superjson.serialize(shape) });
}

/** Plain JSON errors for routes outside /trpc. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message, requestId: res.locals.requestId } });
}
