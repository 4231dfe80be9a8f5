import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerText, errorBody, type FakeGeminiReply, responseBody, split } from "./replies.js";

/**
 * A loopback stand-in for the Gemini REST API, for driving the real @google/genai client in tests:
 * POST /v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse. Each request takes the next
 * scripted reply from the queue, else the handler's answer, else a 501. Every request is recorded (the API
 * key header left out), and a client that disconnects before its answer is complete is counted in `aborted`.
 */
export interface FakeGeminiRequestBody {
  contents?: { role?: string; parts?: { text?: string }[] }[];
  systemInstruction?: { role?: string; parts?: { text?: string }[] };
  generationConfig?: {
    maxOutputTokens?: number;
    responseMimeType?: string;
    responseSchema?: unknown;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface FakeGeminiRequest {
  method: string;
  /** e.g. /v1beta/models/gemini-2.5-flash:generateContent */
  path: string;
  query: Record<string, string>;
  model: string;
  stream: boolean;
  headers: Record<string, string>;
  body: FakeGeminiRequestBody;
  /** The system instruction's text, joined. */
  systemInstruction: string | undefined;
}

export type FakeGeminiHandler = (
  request: FakeGeminiRequest,
  index: number,
) => FakeGeminiReply | Promise<FakeGeminiReply>;

export interface FakeGemini {
  /** Base URL for `httpOptions.baseUrl`. */
  readonly url: string;
  readonly requests: readonly FakeGeminiRequest[];
  /** Requests received (= requests.length). */
  readonly calls: number;
  /** Requests whose client disconnected before the answer was complete. */
  readonly aborted: number;
  /** Scripted replies, used in order, one per request. */
  enqueue(...replies: FakeGeminiReply[]): void;
  /** Answers requests once the queue is empty. */
  handle(handler: FakeGeminiHandler | undefined): void;
  /** Resolves once `condition` holds (disconnects are noticed asynchronously); rejects after `timeoutMs`. */
  waitFor(condition: (fake: FakeGemini) => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets requests, counts, queue and handler. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

export async function startFakeGemini(): Promise<FakeGemini> {
  let queue: FakeGeminiReply[] = [];
  let handler: FakeGeminiHandler | undefined;
  let requests: FakeGeminiRequest[] = [];
  let aborted = 0;
  const closing = new AbortController();

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
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
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/\/{2,}/g, "/");
    const route = ROUTE.exec(path);
    if (req.method !== "POST" || !route) return send(res, 404, errorBody(404, `no route ${req.method} ${path}`));
    let body: FakeGeminiRequestBody;
    try {
      body = JSON.parse(raw) as FakeGeminiRequestBody;
    } catch {
      return send(res, 400, errorBody(400, "request body is not JSON"));
    }
    const request: FakeGeminiRequest = {
      method: req.method,
      path,
      query: Object.fromEntries(url.searchParams),
      model: route[2]!,
      stream: route[3] === "streamGenerateContent",
      headers: headersOf(req),
      body,
      systemInstruction: body.systemInstruction?.parts?.map((p) => p.text ?? "").join(""),
    };
    requests.push(request);
    const reply = queue.shift() ?? (handler ? await handler(request, requests.length - 1) : undefined);
    if (!reply) return send(res, 501, errorBody(501, "the fake Gemini server has no scripted reply"));

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
    if (reply.status && reply.status >= 300) {
      return send(res, reply.status, errorBody(reply.status, reply.message, reply.retryDelay), headers);
    }
    if (!request.stream) {
      return send(res, 200, JSON.stringify(responseBody(reply, request.model, answerText(reply), true)), headers);
    }
    res.writeHead(200, { "content-type": "text/event-stream", ...headers });
    const text = answerText(reply);
    const pieces = text === undefined || reply.blockReason ? [undefined] : split(text, reply.chunks ?? 1);
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs, signal);
      if (signal.aborted) return;
      res.write(`data: ${JSON.stringify(responseBody(reply, request.model, piece, i === pieces.length - 1))}\r\n\r\n`);
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeGemini = {
    url: `http://127.0.0.1:${port}`,
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
    async waitFor(condition, timeoutMs = 2000) {
      const until = Date.now() + timeoutMs;
      while (!condition(fake)) {
        if (Date.now() > until) throw new Error("fake Gemini: condition not met in time");
        await sleep(5);
      }
    },
    reset() {
      queue = [];
      handler = undefined;
      requests = [];
      aborted = 0;
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
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
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
    if (name === "x-goog-api-key" || value === undefined) continue;
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
