/**
 * Each procedure call, observed: an OpenTelemetry span (`trpc <path>`, active while the call runs, so the
 * AI upstream call, SQL and Redis spans nest under it; a no-op while tracing is off) with the procedure path,
 * type, request id and result code, and a `procedureCall` to the metrics port (count and latency by
 * procedure and status class). Only paths, codes and the request id: never input or user data.
 */
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { AppContext } from "../context.js";

const tracer = trace.getTracer("@sous/api");

interface Call {
  ctx: AppContext;
  path: string;
  type: string;
}

type Result = { ok: true } | { ok: false; error: TRPCError };

export function observed<R extends Result>({ ctx, path, type }: Call, run: () => Promise<R>): Promise<R> {
  const attributes = { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type, "sous.request_id": ctx.requestId };
  return tracer.startActiveSpan(`trpc ${path}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    const started = performance.now();
    let error: TRPCError | undefined;
    try {
      const result = await run();
      if (!result.ok) error = result.error;
      return result;
    } catch (thrown) {
      error = thrown instanceof TRPCError ? thrown : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: thrown });
      throw thrown;
    } finally {
      const status = error ? getHTTPStatusCodeFromError(error) : 200;
      const code = error?.code ?? "OK";
      span.setAttribute("trpc.code", code);
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      span.end();
      ctx.services.metrics.procedureCall({ procedure: path, type, statusClass: `${Math.floor(status / 100)}xx` }, (performance.now() - started) / 1000);
    }
  });
}
