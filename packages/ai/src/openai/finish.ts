import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { AiError } from "../errors.js";
import type { LlmUsage } from "@sous/core";
import type { Completion } from "../shared/structured-check.js";

/**
 * How an answer ended, read from `finish_reason` (and the `refusal` field OpenAI sets when a model declines a
 * structured request), mapped like Gemini's:
 *
 * | content_filter, or a refusal                  | refused (thrown, never retried or repaired) |
 * | stop, or none yet (a stream's earlier chunks) | complete                                    |
 * | length                                        | truncated → the repair attempt              |
 * | tool_calls, function_call, anything unknown   | failed → the repair attempt                 |
 */
export interface Ending {
  finishReason?: string | null | undefined;
  refusal?: string | null | undefined;
}

export function judge({ finishReason, refusal }: Ending): Completion {
  if (refusal) throw refused(`refusal: ${refusal.slice(0, 200)}`);
  if (finishReason === "content_filter") throw refused("finish reason content_filter");
  if (finishReason === undefined || finishReason === null || finishReason === "stop") return "complete";
  return finishReason === "length" ? "truncated" : "failed";
}

export function isRefusal({ finishReason, refusal }: Ending): boolean {
  return Boolean(refusal) || finishReason === "content_filter";
}

function refused(reason: string): AiError {
  return new AiError("refused", "The recipe model declined this request", { cause: reason });
}

export function endingOf(completion: ChatCompletion): Ending {
  const choice = completion.choices?.[0];
  return { finishReason: choice?.finish_reason, refusal: choice?.message?.refusal };
}

export function textOf(completion: ChatCompletion): string {
  return completion.choices?.[0]?.message?.content ?? "";
}

export function deltaOf(chunk: ChatCompletionChunk): string {
  return chunk.choices?.[0]?.delta?.content ?? "";
}

/** Reasoning tokens are billed as output and already counted in completion_tokens. */
export function usageOf(usage: CompletionUsage | null | undefined): LlmUsage {
  return { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
}
