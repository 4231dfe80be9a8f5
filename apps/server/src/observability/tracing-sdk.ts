/**
 * The OpenTelemetry Node SDK as Sous runs it: spans over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT,
 * from the http, express, pg, ioredis and undici instrumentations plus Sous's own spans (a span per tRPC
 * procedure in @sous/api, the AI upstream call in @sous/core). Flushed when the process shuts down.
 */
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { IORedisInstrumentation } from "@opentelemetry/instrumentation-ioredis";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { onShutdown } from "./shutdown-hooks.js";

export function startTracing({ serviceName }: { serviceName: string }): void {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      // Probes and scrapes are noise in a trace store.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url ?? "") }),
      new ExpressInstrumentation(),
      // Statement text only with placeholders (Kysely binds every value); no parameter values.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  onShutdown(() => sdk.shutdown());
}
