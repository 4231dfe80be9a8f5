import { TRPCClientError } from "@trpc/client";

/** The tRPC error code of an error a Sous call threw (`"NOT_FOUND"`, `"UNAUTHORIZED"` …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("code" in data)) return undefined;
  return typeof data.code === "string" ? data.code : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === "UNAUTHORIZED";
}

/** The server ended a stream because it is stopping, and asks the client to subscribe again. */
export function isReconnectRequest(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null && "reconnect" in data && data.reconnect === true;
}
