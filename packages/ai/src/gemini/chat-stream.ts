import { CHAT_SYSTEM_INSTRUCTION, chatContents, REFUSAL_MARKER } from "../prompts/chat.prompt.js";
import { AiError } from "../errors.js";
import type { CallScope } from "./call-scope.js";
import type { GeminiClient } from "./client.js";
import { classify } from "./failures.js";
import { type Ending, isRefusal, judge, textOf, usageOf } from "./finish.js";
import type { ChatStreamEvent, ChatTurn, LlmUsage } from "@sous/core";

/** What the user sees when Gemini itself blocks a chat turn (safety finish reason or prompt block). */
export const BLOCKED_CHAT_REPLY = "Sorry, I can't help with that. I'm happy to answer cooking questions.";
/** Used when the model gives the refusal marker and nothing after it. */
const OFF_TOPIC_REPLY = "I can only help with cooking questions.";

/**
 * Streams a chat reply as plain text. The model marks an off-topic refusal by starting with REFUSAL_MARKER, so
 * the first characters are held back until it is clear whether the reply starts with it; the marker never
 * reaches the user. A safety block from Gemini ends the turn as a refusal (`refused: true`, a fixed reply)
 * rather than an error, like the prompt guard's refusals. A reply cut off by MAX_TOKENS is kept as it is.
 */
export async function* streamChat(
  client: GeminiClient,
  scope: CallScope,
  history: ChatTurn[],
): AsyncGenerator<ChatStreamEvent> {
  const stream = await client.openStream(scope, {
    task: "chat",
    systemInstruction: CHAT_SYSTEM_INSTRUCTION,
    contents: chatContents(history),
    maxOutputTokens: client.config.maxOutputTokens,
  });
  const ending: Ending = {};
  let usage: LlmUsage = usageOf(undefined);
  let held = "";
  let reply = "";
  let refused: boolean | undefined;
  try {
    for await (const chunk of stream) {
      ending.blockReason ??= chunk.promptFeedback?.blockReason;
      ending.finishReason = chunk.candidates?.[0]?.finishReason ?? ending.finishReason;
      if (chunk.usageMetadata) usage = usageOf(chunk.usageMetadata);
      let piece = textOf(chunk);
      if (refused === undefined) {
        held += piece;
        const start = held.trimStart();
        if (start.length < REFUSAL_MARKER.length && REFUSAL_MARKER.startsWith(start)) continue;
        refused = start.startsWith(REFUSAL_MARKER);
        piece = refused ? start.slice(REFUSAL_MARKER.length) : start;
      }
      if (!reply) piece = piece.trimStart(); // the reply starts at its first visible character
      if (!piece) continue;
      reply += piece;
      yield { type: "token", text: piece };
    }
  } catch (error) {
    throw classify(error, scope).failure;
  }
  if (isRefusal(ending)) {
    client.config.logger.info({ task: "chat", ...ending }, "gemini blocked a chat turn");
    yield { type: "done", reply: BLOCKED_CHAT_REPLY, refused: true, usage };
    return;
  }
  if (judge(ending) === "failed" || !(held + reply).trim()) {
    throw new AiError("invalid_output", "The recipe model returned an invalid answer", { cause: ending });
  }
  if (refused === undefined) {
    // A reply shorter than the marker that merely starts like it: it is not a refusal.
    refused = false;
    reply = held.trimStart();
    yield { type: "token", text: reply };
  }
  if (refused && !reply.trim()) {
    reply = OFF_TOPIC_REPLY;
    yield { type: "token", text: reply };
  }
  yield { type: "done", reply: reply.trim(), refused, usage };
}
