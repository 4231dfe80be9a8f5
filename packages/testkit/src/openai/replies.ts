/**
 * What a test scripts the fake OpenAI-compatible server to answer, and the chat-completions bodies built from
 * it (OpenAI's ChatCompletion, ChatCompletionChunk and error shapes, which Ollama, vLLM and llama.cpp copy).
 */
export interface FakeOpenAIReply {
  /** The assistant message's content: JSON for structured calls, prose for chat. */
  text?: string;
  /** Shorthand for `text: JSON.stringify(json)`. */
  json?: unknown;
  /** Of the choice; default "stop". "length" and "content_filter" are the interesting others. */
  finishReason?: string;
  /** The message's `refusal` (OpenAI sets it when a model declines a structured request). */
  refusal?: string;
  /** `usage`; defaults are derived from the text. */
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  /** A non-2xx status answers with an OpenAI error body. */
  status?: number;
  /** Message of the error body. */
  message?: string;
  /** `param` of the error body (e.g. "response_format"). */
  param?: string;
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
  /** Streaming: split the text into this many content deltas (default 1). */
  chunks?: number;
  /** Streaming: pause before each delta after the first. */
  chunkDelayMs?: number;
  /** Streaming: end the connection after this many deltas, without a finish reason or `[DONE]`. */
  truncateAfter?: number;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
};

export function errorBody(status: number, message?: string, param?: string): string {
  const type = ERROR_TYPES[status] ?? "server_error";
  return JSON.stringify({ error: { message: message ?? `fake openai: ${status}`, type, param: param ?? null, code: null } });
}

export function answerText(reply: FakeOpenAIReply): string | undefined {
  return reply.json !== undefined ? JSON.stringify(reply.json) : reply.text;
}

export function usageOf(reply: FakeOpenAIReply) {
  const prompt = reply.usage?.prompt_tokens ?? 25;
  const completion = reply.usage?.completion_tokens ?? Math.ceil((answerText(reply) ?? "").length / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** A whole ChatCompletion. */
export function completionBody(reply: FakeOpenAIReply, model: string): object {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: answerText(reply) ?? null, refusal: reply.refusal ?? null },
        finish_reason: reply.finishReason ?? "stop",
        logprobs: null,
      },
    ],
    usage: usageOf(reply),
  };
}

/** One ChatCompletionChunk of a stream. */
export function chunkBody(
  model: string,
  delta: { content?: string; refusal?: string; role?: string },
  finishReason: string | null,
): object {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    usage: null,
  };
}

/** The last chunk of a stream asked for `stream_options.include_usage`: no choices, the request's usage. */
export function usageChunkBody(reply: FakeOpenAIReply, model: string): object {
  return { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [], usage: usageOf(reply) };
}
