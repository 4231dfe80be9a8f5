/**
 * Error bodies written by the HTTP layer itself (before or beside tRPC), shaped like tRPC's own so
 * `@trpc/client` reads them as a TRPCClientError with `data.code`, `data.httpStatus` and `data.requestId`.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { ServerResponse } from "node:http";
import superjson from "superjson";

/** Why the HTTP layer turns a request away before tRPC sees it. */
export interface Refusal {
  code: TRPC_ERROR_CODE_KEY;
  message: string;
}

export function sendTrpcError(res: ServerResponse, requestId: string, { code, message }: Refusal): void {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const shape = { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, requestId } };
  sendJson(res, httpStatus, { error: superjson.serialize(shape) });
}

/** Plain JSON errors for routes outside /trpc. */
export function sendJsonError(res: ServerResponse, requestId: string, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message, requestId } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
