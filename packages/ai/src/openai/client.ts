import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { CallScope } from "../shared/call-scope.js";
import { withRetries } from "../shared/retry.js";
import type { ResolvedOpenAIConfig } from "./config.js";
import { classify, isSchemaRejection } from "./failures.js";

export interface OpenAIRequest {
  task: "recipe" | "suggest" | "chat";
  /** The first is the task's constant system message: never user text, never secrets. */
  messages: ChatCompletionMessageParam[];
  maxTokens: number;
  /** Structured output when set: the answer is one JSON object matching this strict JSON Schema. */
  json?: { name: string; schema: Record<string, unknown> } | undefined;
}

/** What local servers get as a key when none is configured: they ignore it, the SDK insists on one. */
const NO_KEY = "sous-no-key";

/**
 * The one place that talks to the `openai` SDK. Every request carries the call scope's signal (caller +
 * deadline) and `max_tokens`; the SDK's own retries are off (`maxRetries: 0`) so shared/retry.ts is the only
 * policy, and its environment lookups are overridden (only apps/server/src/env.ts reads the environment).
 *
 * Structured output asks for `response_format: json_schema` (strict). A server that refuses schemas with a 400
 * naming `response_format` is switched to JSON mode (`json_object`, the schema then described in the system
 * message) for the rest of the process: detected once, remembered, logged once.
 */
export class OpenAIClient {
  private readonly sdk: OpenAI;
  private schemaRefused = false;

  constructor(
    baseUrl: string,
    apiKey: string | undefined,
    readonly config: ResolvedOpenAIConfig,
  ) {
    this.sdk = new OpenAI({
      baseURL: baseUrl,
      apiKey: apiKey ?? NO_KEY,
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      // The call scope's deadline ends requests; this only keeps the SDK's own timer out of the way.
      timeout: config.timeoutMs + 1_000,
    });
  }

  /** Whether structured calls now use JSON mode because the server refused a JSON schema. */
  get jsonMode(): boolean {
    return this.schemaRefused;
  }

  complete(scope: CallScope, request: OpenAIRequest): Promise<ChatCompletion> {
    return this.retrying(scope, request, (body) =>
      this.sdk.chat.completions.create(body, { signal: scope.signal }),
    );
  }

  /** Retries cover opening the stream (the status line); a stream that fails midway is not replayed. */
  openStream(scope: CallScope, request: OpenAIRequest): Promise<AsyncIterable<ChatCompletionChunk>> {
    return this.retrying(scope, request, (body) =>
      this.sdk.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal: scope.signal },
      ),
    );
  }

  private retrying<T>(
    scope: CallScope,
    request: OpenAIRequest,
    send: (body: ChatCompletionCreateParamsNonStreaming) => Promise<T>,
  ): Promise<T> {
    return withRetries(scope, this.config, { provider: "openai", task: request.task }, {
      hints: () => undefined,
      attempt: async () => {
        const schemaMode = request.json !== undefined && !this.schemaRefused;
        try {
          return await send(this.body(request));
        } catch (error) {
          if (!schemaMode || !isSchemaRejection(error)) throw error;
          this.schemaRefused = true;
          this.config.logger.warn({ task: request.task }, "openai server refused a JSON schema; using JSON mode from now on");
          return send(this.body(request));
        }
      },
      classify: (error) => classify(error, scope),
    });
  }

  private body(request: OpenAIRequest): ChatCompletionCreateParamsNonStreaming {
    const base = { model: this.config.model, messages: request.messages, max_tokens: request.maxTokens };
    if (!request.json) return base;
    if (!this.schemaRefused) {
      const { name, schema } = request.json;
      return { ...base, response_format: { type: "json_schema", json_schema: { name, schema, strict: true } } };
    }
    // JSON mode carries no schema, so the model reads it from the system message instead.
    const [system, ...rest] = request.messages;
    const described = `${String(system?.content ?? "")}\n\nThe response schema (JSON Schema):\n${JSON.stringify(request.json.schema)}`;
    return { ...base, messages: [{ role: "system", content: described }, ...rest], response_format: { type: "json_object" } };
  }
}
