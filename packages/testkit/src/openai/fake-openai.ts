import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { split } from "../gemini/replies.js";
import { answerText, chunkBody, completionBody, errorBody, type FakeOpenAIReply, usageChunkBody } from "./replies.js";

/**
 * A loopback stand-in for an OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp), for driving the real
 * `openai` SDK in tests: POST {base}/chat/completions, plain or `stream: true` (SSE ending in `data: [DONE]`).
 * Each request takes the next scripted reply from the queue, else the handler's answer, else a 501. Every
 * request is recorded (the Authorization header left out), and a client that disconnects before its answer is
 * complete is counted in `aborted`. `rejectJsonSchema()` makes it a server that refuses
 * `response_format: json_schema` with a 400 naming `response_format`, as older local servers do.
 */
export interface FakeOpenAIMessage {
  role: string;
  content?: string | null;
}

export interface FakeOpenAIRequestBody {
  model?: string;
  messages?: FakeOpenAIMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } };
  [key: string]: unknown;
}

export interface FakeOpenAIRequest {
  method: string;
  path: string;
  model: string;
  stream: boolean;
  headers: Record<string, string>;
  /** Whether an Authorization header came (its value is never recorded). */
  authorized: boolean;
  body: FakeOpenAIRequestBody;
  /** The system message's content. */
  system: string | undefined;
}

export type FakeOpenAIHandler = (request: FakeOpenAIRequest, index: number) => FakeOpenAIReply | Promise<FakeOpenAIReply>;

export interface FakeOpenAI {
  /** Base URL for the SDK's `baseURL` (ends in /v1). */
  readonly url: string;
  readonly requests: readonly FakeOpenAIRequest[];
  readonly calls: number;
  readonly aborted: number;
  enqueue(...replies: FakeOpenAIReply[]): void;
  handle(handler: FakeOpenAIHandler | undefined): void;
  /** From now on answer every json_schema request with a 400 (not counted against the queue). */
  rejectJsonSchema(reject?: boolean): void;
  waitFor(condition: (fake: FakeOpenAI) => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets requests, counts, queue, handler and the json_schema rejection. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v1\/chat\/completions$/;

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let queue: FakeOpenAIReply[] = [];
  let handler: FakeOpenAIHandler | undefined;
  let requests: FakeOpenAIRequest[] = [];
  let aborted = 0;
  let rejectSchema = false;
  const closing = new AbortController();

  const server = createServer((req, res) => {
    void serve(req, res).catch(() => res.destroy());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gone = new AbortController();
    const generation = requests;
    let dropped = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        if (generation === requests && !dropped) aborted++;
        gone.abort();
      }
    });
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://fake").pathname.replace(/\/{2,}/g, "/");
    if (req.method !== "POST" || !ROUTE.test(path)) return send(res, 404, errorBody(404, `no route ${req.method} ${path}`));
    let body: FakeOpenAIRequestBody;
    try {
      body = JSON.parse(raw) as FakeOpenAIRequestBody;
    } catch {
      return send(res, 400, errorBody(400, "request body is not JSON"));
    }
    const request: FakeOpenAIRequest = {
      method: req.method,
      path,
      model: body.model ?? "",
      stream: body.stream === true,
      headers: headersOf(req),
      authorized: typeof req.headers.authorization === "string",
      body,
      system: body.messages?.find((m) => m.role === "system")?.content ?? undefined,
    };
    requests.push(request);
    if (rejectSchema && body.response_format?.type === "json_schema") {
      return send(res, 400, errorBody(400, "response_format of type json_schema is not supported", "response_format"));
    }
    const reply = queue.shift() ?? (handler ? await handler(request, requests.length - 1) : undefined);
    if (!reply) return send(res, 501, errorBody(501, "the fake OpenAI server has no scripted reply"));

    const signal = AbortSignal.any([gone.signal, closing.signal]);
    if (reply.delayMs) await sleep(reply.delayMs, signal);
    if (reply.hang) await sleep(Number.POSITIVE_INFINITY, signal);
    if (signal.aborted) return;
    if (reply.drop) {
      dropped = true;
      res.socket?.destroy();
      return;
    }
    const headers = { ...reply.headers };
    if (reply.body !== undefined) return send(res, reply.status ?? 200, reply.body, headers);
    if (reply.status && reply.status >= 300) return send(res, reply.status, errorBody(reply.status, reply.message, reply.param), headers);
    if (!request.stream) return send(res, 200, JSON.stringify(completionBody(reply, request.model)), headers);

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...headers });
    const event = (data: object | string) => res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    event(chunkBody(request.model, { role: "assistant", content: "" }, null));
    const text = answerText(reply);
    const pieces = text === undefined ? [] : split(text, reply.chunks ?? 1);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs, signal);
      if (signal.aborted) return;
      if (reply.truncateAfter !== undefined && i >= reply.truncateAfter) {
        dropped = true;
        res.socket?.destroy();
        return;
      }
      event(chunkBody(request.model, { content: piece }, null));
    }
    if (reply.refusal) event(chunkBody(request.model, { refusal: reply.refusal }, null));
    event(chunkBody(request.model, {}, reply.finishReason ?? "stop"));
    if (body.stream_options?.include_usage) event(usageChunkBody(reply, request.model));
    event("[DONE]");
    res.end();
  }

  // Idle connections stay open until the client drops them: a server-side keep-alive expiry racing the
  // client's reuse of the socket shows up as a spurious network error on a loaded machine.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenAI = {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    get calls() {
      return requests.length;
    },
    get aborted() {
      return aborted;
    },
    enqueue: (...replies) => void queue.push(...replies),
    handle: (next) => void (handler = next),
    rejectJsonSchema: (reject = true) => void (rejectSchema = reject),
    async waitFor(condition, timeoutMs = 2000) {
      const until = Date.now() + timeoutMs;
      while (!condition(fake)) {
        if (Date.now() > until) throw new Error("fake OpenAI: condition not met in time");
        await sleep(5);
      }
    },
    reset() {
      queue = [];
      handler = undefined;
      requests = [];
      aborted = 0;
      rejectSchema = false;
    },
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return fake;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "authorization" || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
