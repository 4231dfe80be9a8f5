/**
 * Traces from a real server process started as production starts it (the ESM register file, then main),
 * exported over OTLP/HTTP (JSON) to a loopback receiver: the span tree of one recipe.generate and one
 * saved.list, and no prompt text or user data in any attribute.
 */
import { createThrowawayPostgres, startFakeGemini, type FakeGemini } from "@sous/testkit";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { geminiEnv, omelette } from "./ai-support.js";
import { devSignIn } from "./harness.js";
import { spawnServer, type ServerProcess } from "./server-process.js";

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  scope: string;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpBody {
  resourceSpans: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans: { scope?: { name: string }; spans: (Omit<Span, "attributes" | "scope"> & { attributes?: { key: string; value: OtlpValue }[] })[] }[];
  }[];
}

const valueOf = (v: OtlpValue): unknown => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const attributes = (list: { key: string; value: OtlpValue }[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** A loopback OTLP/HTTP trace receiver (JSON encoding): keeps every span and the resources they came from. */
async function startReceiver(): Promise<{ url: string; spans: Span[]; resources: Record<string, unknown>[]; close(): Promise<void> }> {
  const spans: Span[] = [];
  const resources: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.url === "/v1/traces" && req.headers["content-type"]?.startsWith("application/json")) {
        const parsed = JSON.parse(body) as OtlpBody;
        for (const resourceSpans of parsed.resourceSpans) {
          resources.push(attributes(resourceSpans.resource?.attributes));
          for (const scopeSpans of resourceSpans.scopeSpans) {
            for (const span of scopeSpans.spans) {
              spans.push({ ...span, attributes: attributes(span.attributes), scope: scopeSpans.scope?.name ?? "" });
            }
          }
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else {
        res.writeHead(415).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    resources,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

describe("OpenTelemetry traces from a server process", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let fake: FakeGemini;
  let server: ServerProcess;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const dish = "omelette with secret-dish-marker";
  const email = "traced-user@example.com";
  // Part of every answer-cache key: a shared Redis never answers this run from an earlier run's cache.
  const model = `gemini-test-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    receiver = await startReceiver();
    fake = await startFakeGemini();
    database = postgresUrl ? await createThrowawayPostgres(postgresUrl) : undefined;
    server = await spawnServer(
      geminiEnv(fake, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: "sous-trace-test",
        GEMINI_MODEL: model,
        // Export every 100 ms instead of every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: "100",
        ...(database ? { DATABASE_URL: database.url } : {}),
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await fake?.close();
    await receiver?.close();
  });

  /** The spans of one trace, and a lookup of the ancestors of a span in it. */
  function traceOf(root: Span) {
    const inTrace = receiver.spans.filter((s) => s.traceId === root.traceId);
    const byId = new Map(inTrace.map((s) => [s.spanId, s]));
    const ancestors = (span: Span): Span[] => {
      const out: Span[] = [];
      for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) {
        out.push(parent);
      }
      return out;
    };
    return { spans: inTrace, ancestors };
  }

  it("traces recipe.generate: HTTP server span → procedure span → AI upstream span → the HTTP call to the model", async () => {
    fake.enqueue({ json: omelette, usage: { promptTokenCount: 120, candidatesTokenCount: 45 } });
    const response = await fetch(`${server.url}/trpc/recipe.generate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { dish } }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id");

    // The procedure span ends after its child, so it may come in a later export.
    await waitFor(() => receiver.spans.some((s) => s.name === "trpc recipe.generate"), "the procedure span");
    const procedure = receiver.spans.find((s) => s.name === "trpc recipe.generate")!;
    expect(procedure.attributes).toMatchObject({
      "rpc.system": "trpc",
      "rpc.method": "recipe.generate",
      "sous.request_id": requestId,
      "trpc.code": "OK",
    });
    const { ancestors } = traceOf(procedure);
    // Under the incoming HTTP request's server span (kind 2 = SERVER).
    expect(ancestors(procedure).some((s) => s.kind === 2 && s.scope.includes("instrumentation-http"))).toBe(true);

    await waitFor(() => traceOf(procedure).spans.some((s) => s.name === "llm generate_recipe"), "the upstream span");
    const upstream = traceOf(procedure).spans.find((s) => s.name === "llm generate_recipe")!;
    expect(upstream.parentSpanId).toBe(procedure.spanId);
    expect(upstream.attributes).toMatchObject({
      "gen_ai.system": "gemini",
      "gen_ai.request.model": model,
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": expect.any(Number),
    });
    await waitFor(() => traceOf(procedure).spans.some((s) => s.scope.includes("undici") && s.parentSpanId === upstream.spanId), "the undici span");
    expect(receiver.resources.some((r) => r["service.name"] === "sous-trace-test")).toBe(true);
  });

  it("traces saved.list: the procedure span with its SQL (on Postgres) and the REST call's Express spans", async () => {
    const { accessToken } = await devSignIn(server.url, email);
    const response = await fetch(`${server.url}/api/saved`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id");

    await waitFor(() => receiver.spans.some((s) => s.name === "trpc saved.list"), "the saved.list span");
    const procedure = receiver.spans.find((s) => s.name === "trpc saved.list")!;
    expect(procedure.attributes).toMatchObject({ "rpc.method": "saved.list", "sous.request_id": requestId, "trpc.code": "OK" });
    const { ancestors } = traceOf(procedure);
    await waitFor(() => traceOf(procedure).spans.some((s) => s.scope.includes("express")), "express spans");
    expect(ancestors(procedure).some((s) => s.kind === 2)).toBe(true);
    if (database) {
      await waitFor(
        () => traceOf(procedure).spans.some((s) => s.scope.includes("instrumentation-pg") && traceOf(procedure).ancestors(s).includes(procedure)),
        "a pg span under the procedure",
      );
    }
  });

  it("puts no prompt text or user data in any attribute", async () => {
    await waitFor(() => receiver.spans.length > 0, "spans");
    const everything = JSON.stringify(receiver.spans.map((s) => s.attributes));
    expect(everything).not.toContain("secret-dish-marker");
    expect(everything).not.toContain(email);
    expect(everything).not.toContain("French Omelette");
  });
});
