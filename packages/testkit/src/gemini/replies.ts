/**
 * What a test scripts the fake Gemini server to answer, and the Google-shaped bodies built from it.
 * Shapes follow the Gemini REST API (v1beta GenerateContentResponse and google.rpc.Status errors).
 */
export interface FakeGeminiReply {
  /** Answer text of the first candidate: JSON for structured calls, prose for chat. */
  text?: string;
  /** Shorthand for `text: JSON.stringify(json)`. */
  json?: unknown;
  /** Of the (last) candidate; default "STOP". */
  finishReason?: string;
  /** promptFeedback.blockReason: the answer then has no candidates. */
  blockReason?: string;
  /** usageMetadata; defaults are derived from the text. */
  usage?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number };
  /** A non-2xx status answers with a Google error body (google.rpc.Status). */
  status?: number;
  /** Message of the error body. */
  message?: string;
  /** google.rpc.RetryInfo retryDelay of the error body, e.g. "1.5s". */
  retryDelay?: string;
  /** Extra response headers, e.g. { "retry-after": "1" }. */
  headers?: Record<string, string>;
  /** A raw response body instead of a generated one (malformed answers). */
  body?: string;
  /** Wait this long before answering (a client that leaves meanwhile gets nothing). */
  delayMs?: number;
  /** Never answer: the request stays open until the client leaves or the fake closes. */
  hang?: boolean;
  /** Cut the connection instead of answering (a network error for the client; not counted as aborted). */
  drop?: boolean;
  /** Streaming: split the text into this many SSE events (default 1). */
  chunks?: number;
  /** Streaming: pause before each event after the first. */
  chunkDelayMs?: number;
  /** Streaming: hold the last event until this settles (a test lets everyone join a stream before it ends). */
  holdLast?: Promise<unknown>;
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function errorBody(status: number, message?: string, retryDelay?: string): string {
  const details = retryDelay ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] : undefined;
  const name = STATUS_NAMES[status] ?? "UNKNOWN";
  return JSON.stringify({ error: { code: status, message: message ?? `fake gemini: ${name}`, status: name, details } });
}

export function answerText(reply: FakeGeminiReply): string | undefined {
  return reply.json !== undefined ? JSON.stringify(reply.json) : reply.text;
}

/**
 * The fake's stand-in for Gemini's tokenizer: about four characters per token over everything the model reads
 * (system instruction, contents, response schema). Rough, but it moves with what a request sends, so a leaner
 * request shows as fewer reported input tokens.
 */
export function estimatePromptTokens(body: {
  systemInstruction?: unknown;
  contents?: unknown;
  generationConfig?: { responseSchema?: unknown };
}): number {
  const read = JSON.stringify([body.systemInstruction ?? null, body.contents ?? [], body.generationConfig?.responseSchema ?? null]);
  return Math.ceil(read.length / 4);
}

/** One GenerateContentResponse (a whole answer, or one SSE event of a streamed one). */
export function responseBody(
  reply: FakeGeminiReply,
  model: string,
  text: string | undefined,
  last: boolean,
  promptTokens = 25,
): object {
  const full = answerText(reply) ?? "";
  const usageMetadata = {
    promptTokenCount: reply.usage?.promptTokenCount ?? promptTokens,
    candidatesTokenCount: reply.usage?.candidatesTokenCount ?? Math.ceil(full.length / 4),
    ...(reply.usage?.thoughtsTokenCount === undefined ? {} : { thoughtsTokenCount: reply.usage.thoughtsTokenCount }),
  };
  if (reply.blockReason) {
    return { promptFeedback: { blockReason: reply.blockReason }, usageMetadata, modelVersion: model };
  }
  const candidate = {
    ...(text === undefined ? {} : { content: { role: "model", parts: [{ text }] } }),
    ...(last ? { finishReason: reply.finishReason ?? "STOP" } : {}),
    index: 0,
  };
  return { candidates: [candidate], usageMetadata, modelVersion: model, responseId: "fake-response" };
}

/** Splits text into `count` pieces of near-equal length (code points, so no pair is split). */
export function split(text: string, count: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / Math.max(1, count)));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
  return pieces.length > 0 ? pieces : [""];
}
