/**
 * The common call, answered without the fetch round trip: one query over GET, unbatched, not a stream, which
 * is what lists, reads and quota checks are. tRPC's fetch path builds a Request, an AbortSignal.any per call
 * and a Response with a web stream around every answer; on Node 20 those cost ~55 µs a call and survive
 * young-generation GCs (measured with `pnpm bench`). Here the procedure runs through tRPC's own
 * callTRPCProcedure and a success is written in tRPC's format: `{ result: { data } }` through the router's
 * transformer, status 200, the same headers. Any error (bad input, a refused caller, a failed procedure) is
 * handed to tRPC's resolveResponse as the request's error, so every error answer is tRPC's own; the
 * procedure does not run again.
 */
import { appRouter } from "@sous/api";
import { callTRPCProcedure, getTRPCErrorFromUnknown, transformTRPCResponse, TRPCError } from "@trpc/server";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The query procedure a request names, when it is one this path answers; undefined sends it to tRPC's. */
export function plainQueryPath(req: IncomingMessage, url: URL, path: string): string | undefined {
  if (req.method !== "GET" || url.searchParams.has("batch")) return undefined;
  // SSE subscriptions and tRPC's streamed JSON take the full path.
  if (req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("text/event-stream")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  // tRPC keeps its procedures flat by dotted path at run time (the type shows them nested).
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>)[decoded];
  return procedure?._def.type === "query" ? decoded : undefined;
}

export interface PlainQuery<Ctx> {
  path: string;
  url: URL;
  createContext: () => Promise<Ctx>;
  signal: AbortSignal;
  /** Answers with tRPC's error response for `error` (the procedure is not run again). */
  answerError: (error: TRPCError) => Promise<void>;
}

const config = appRouter._def._config;

export async function answerPlainQuery<Ctx>(res: ServerResponse, query: PlainQuery<Ctx>): Promise<void> {
  let data: unknown;
  try {
    const ctx = await query.createContext();
    data = await callTRPCProcedure({
      router: appRouter,
      path: query.path,
      getRawInput: async () => rawInput(query.url),
      ctx,
      type: "query",
      signal: query.signal,
      batchIndex: 0,
    });
  } catch (cause) {
    return query.answerError(getTRPCErrorFromUnknown(cause));
  }
  const body = JSON.stringify(transformTRPCResponse(config, { result: { data } }));
  res.writeHead(200, { "Content-Type": "application/json", Vary: "trpc-accept, accept" });
  res.end(body);
}

/** As tRPC reads a GET's input: JSON in `?input=`, then the transformer; unreadable input is a BAD_REQUEST. */
function rawInput(url: URL): unknown {
  const text = url.searchParams.get("input");
  if (!text) return undefined;
  try {
    return config.transformer.input.deserialize(JSON.parse(text));
  } catch (cause) {
    throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
  }
}
