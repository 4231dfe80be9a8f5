import {
  type Content,
  type GenerateContentConfig,
  type GenerateContentResponse,
  GoogleGenAI,
  type Schema,
} from "@google/genai";
import type { CallScope } from "../shared/call-scope.js";
import type { ResolvedGeminiConfig } from "./config.js";
import type { AttemptHints } from "./failures.js";
import { withRetries } from "./retry.js";
import { SAFETY_SETTINGS } from "./safety.js";

export interface GeminiRequest {
  task: "recipe" | "suggest" | "chat";
  /** A constant per task: never user text, never secrets. */
  systemInstruction: string;
  contents: Content[];
  /** Cap of the answer itself; the client adds what thinking may use. */
  maxOutputTokens: number;
  /** Structured output when set: the answer is JSON matching this schema. */
  responseSchema?: Schema | undefined;
}

/**
 * The one place that talks to @google/genai. Every request carries the call scope's signal (caller + deadline),
 * a maxOutputTokens sized for its kind, the model-aware thinkingConfig and the safetySettings, and turns off two
 * things the SDK would otherwise do behind our back:
 * - retries: `retryOptions.attempts: 1` (2.32 only retries when retryOptions is given, and 1 means "no retries"),
 *   so our policy in retry.ts is the only one;
 * - automatic continuation: a CONTINUATION finish would make the SDK send follow-up requests on its own.
 */
export class GeminiClient {
  private readonly ai: GoogleGenAI;

  constructor(
    apiKey: string,
    baseUrl: string | undefined,
    readonly config: ResolvedGeminiConfig,
  ) {
    this.ai = new GoogleGenAI({
      apiKey,
      httpOptions: { apiVersion: "v1beta", retryOptions: { attempts: 1 }, ...(baseUrl ? { baseUrl } : {}) },
    });
  }

  generate(scope: CallScope, request: GeminiRequest): Promise<GenerateContentResponse> {
    return withRetries(scope, this.config, request.task, (hints) =>
      this.ai.models.generateContent({
        model: this.config.model,
        contents: request.contents,
        config: this.configFor(request, scope, hints),
      }),
    );
  }

  /** Retries cover opening the stream (the status line); a stream that fails midway is not replayed. */
  openStream(scope: CallScope, request: GeminiRequest): Promise<AsyncGenerator<GenerateContentResponse>> {
    return withRetries(scope, this.config, request.task, (hints) =>
      this.ai.models.generateContentStream({
        model: this.config.model,
        contents: request.contents,
        config: this.configFor(request, scope, hints),
      }),
    );
  }

  private configFor(request: GeminiRequest, scope: CallScope, hints: AttemptHints): GenerateContentConfig {
    return {
      systemInstruction: request.systemInstruction,
      maxOutputTokens: request.maxOutputTokens + this.config.thinking.extraOutputTokens,
      thinkingConfig: this.config.thinking.config,
      safetySettings: SAFETY_SETTINGS,
      ...(request.responseSchema
        ? { responseMimeType: "application/json", responseSchema: request.responseSchema }
        : {}),
      abortSignal: scope.signal,
      automaticContinuation: false,
      httpOptions: { fetch: headerRecordingFetch(hints) },
    };
  }
}

/** The SDK's ApiError drops response headers; keep Retry-After for the retry policy. */
function headerRecordingFetch(hints: AttemptHints): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) hints.retryAfterHeader = response.headers.get("retry-after");
    return response;
  };
}

export function userContent(text: string): Content {
  return { role: "user", parts: [{ text }] };
}

export function modelContent(text: string): Content {
  return { role: "model", parts: [{ text }] };
}
