/**
 * OpenTelemetry, loaded before the app: `node --import ./dist/tracing.js dist/main.js` (what `pnpm start`
 * and the container run). Off, and nothing loaded, unless OTEL_EXPORTER_OTLP_ENDPOINT is set. Sous is ESM, so
 * instrumentation needs OpenTelemetry's loader hook registered (module.register) before any instrumented
 * module (http, express, pg, ioredis, undici) is imported; the SDK starts here for the same reason.
 */
import { register } from "node:module";
import { tracingConfig } from "./env.js";

const config = tracingConfig();
if (config) {
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const { startTracing } = await import("./observability/tracing-sdk.js");
  startTracing(config);
}
