import { chatContents } from "../prompts/chat.prompt.js";
import { BLOCKED_CHAT_REPLY, ReplyFilter } from "../shared/reply-filter.js";
import { groundedChat } from "../prompts/saved.prompt.js";
import { AiError } from "../errors.js";
import type { CallScope } from "../shared/call-scope.js";
import type { GeminiClient } from "./client.js";
import { classify } from "./failures.js";
import { type Ending, isRefusal, judge, textOf, usageOf } from "./finish.js";
import type { ChatStreamEvent, ChatTurn, LlmUsage, SavedRecipeContext } from "@sous/core";

/**
 * Streams a chat reply as plain text. The model marks an off-topic refusal by starting with REFUSAL_MARKER;
 * shared/reply-filter.ts holds the first characters back until that is clear, so the marker never reaches
 * the user. A safety block from Gemini ends the turn as a refusal (`refused: true`, a fixed reply)
 * rather than an error, like the prompt guard's refusals. A reply cut off by MAX_TOKENS is kept as it is.
 */
export async function* streamChat(
  client: GeminiClient,
  scope: CallScope,
  history: ChatTurn[],
  saved?: readonly SavedRecipeContext[] | undefined,
): AsyncGenerator<ChatStreamEvent> {
  // Grounded in saved recipes: their data block goes first in the newest user turn (prompts/saved.prompt.ts).
  const { systemInstruction, savedBlock } = groundedChat(history, saved);
  const contents = chatContents(history);
  if (savedBlock) contents.at(-1)?.parts.unshift({ text: `${savedBlock}\n\n` });
  const stream = await client.openStream(scope, {
    task: "chat",
    systemInstruction,
    contents,
    maxOutputTokens: client.config.outputTokens.chat,
  });
  const ending: Ending = {};
  let usage: LlmUsage = usageOf(undefined);
  const filter = new ReplyFilter();
  try {
    for await (const chunk of stream) {
      ending.blockReason ??= chunk.promptFeedback?.blockReason;
      ending.finishReason = chunk.candidates?.[0]?.finishReason ?? ending.finishReason;
      if (chunk.usageMetadata) usage = usageOf(chunk.usageMetadata);
      const piece = filter.push(textOf(chunk));
      if (piece) yield { type: "token", text: piece };
    }
  } catch (error) {
    throw classify(error, scope).failure;
  }
  if (isRefusal(ending)) {
    client.config.logger.info({ task: "chat", ...ending }, "gemini blocked a chat turn");
    yield { type: "done", reply: BLOCKED_CHAT_REPLY, refused: true, usage };
    return;
  }
  if (judge(ending) === "failed" || filter.empty) {
    throw new AiError("invalid_output", "The recipe model returned an invalid answer", { cause: ending });
  }
  const rest = filter.flush();
  if (rest) yield { type: "token", text: rest };
  yield { type: "done", reply: filter.reply.trim(), refused: filter.refused ?? false, usage };
}
