import type { GenerateContentResponse, GenerateContentResponseUsageMetadata } from "@google/genai";
import { AiError } from "../errors.js";
import type { LlmUsage } from "@sous/core";

/**
 * How an answer ended, checked explicitly on every response (never inferred from the text alone):
 *
 * | promptFeedback.blockReason (any value)                                   | refused (thrown, never retried) |
 * | SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, LANGUAGE,        | refused (thrown, never retried) |
 * |   IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION                |                                 |
 * | STOP, or none (a stream's intermediate chunks)                           | complete                        |
 * | MAX_TOKENS, CONTINUATION (automatic continuation is off, so = cut off)   | truncated → the repair attempt  |
 * | OTHER, FINISH_REASON_UNSPECIFIED, MALFORMED_FUNCTION_CALL, tool-call and  | failed → the repair attempt     |
 * |   image reasons, and any reason this SDK version does not know          |                                 |
 *
 * LANGUAGE (an unsupported language) joins the refusals: retrying cannot help and the user has to rephrase.
 */
export type Completion = "complete" | "truncated" | "failed";

const REFUSED = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "LANGUAGE",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);
const TRUNCATED = new Set(["MAX_TOKENS", "CONTINUATION"]);

export interface Ending {
  blockReason?: string | undefined;
  finishReason?: string | undefined;
}

/** Throws AiError "refused" for a block; otherwise says whether the answer is whole. */
export function judge({ blockReason, finishReason }: Ending): Completion {
  if (blockReason) throw refusal(`prompt blocked: ${blockReason}`);
  if (finishReason === undefined || finishReason === "STOP") return "complete";
  if (REFUSED.has(finishReason)) throw refusal(`finish reason ${finishReason}`);
  return TRUNCATED.has(finishReason) ? "truncated" : "failed";
}

export function isRefusal(ending: Ending): boolean {
  return Boolean(ending.blockReason) || (ending.finishReason !== undefined && REFUSED.has(ending.finishReason));
}

function refusal(reason: string): AiError {
  return new AiError("refused", "The recipe model declined this request", { cause: reason });
}

export function endingOf(response: GenerateContentResponse): Ending {
  return {
    blockReason: response.promptFeedback?.blockReason,
    finishReason: response.candidates?.[0]?.finishReason,
  };
}

/** The answer text of the first candidate; thought summaries are not part of the answer. */
export function textOf(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.map((part) => (part.thought ? "" : (part.text ?? ""))).join("");
}

/** Thinking tokens are billed as output, so they count as output here. */
export function usageOf(meta: GenerateContentResponseUsageMetadata | undefined): LlmUsage {
  return {
    inputTokens: meta?.promptTokenCount ?? 0,
    outputTokens: (meta?.candidatesTokenCount ?? 0) + (meta?.thoughtsTokenCount ?? 0),
  };
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}
