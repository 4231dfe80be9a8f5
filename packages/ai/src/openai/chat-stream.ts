import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { AiError } from "../errors.js";
import type { ChatStreamEvent, ChatTurn, LlmUsage, SavedRecipeContext } from "@sous/core";
import { groundedChat } from "../prompts/saved.prompt.js";
import { delimit, escapeUserText } from "../prompts/user-input.js";
import type { CallScope } from "../shared/call-scope.js";
import { BLOCKED_CHAT_REPLY, ReplyFilter } from "../shared/reply-filter.js";
import type { OpenAIClient } from "./client.js";
import { classify } from "./failures.js";
import { deltaOf, type Ending, isRefusal, usageOf } from "./finish.js";

/**
 * Streams a chat reply as plain text, like Gemini's chat: the refusal marker is held back and stripped
 * (shared/reply-filter.ts), a `content_filter` finish ends the turn as a refusal with a fixed reply, and a
 * reply cut off by `length` is kept as it is.
 */
export async function* streamChat(
  client: OpenAIClient,
  scope: CallScope,
  history: ChatTurn[],
  saved: readonly SavedRecipeContext[] | undefined,
): AsyncGenerator<ChatStreamEvent> {
  const stream = await client.openStream(scope, {
    task: "chat",
    messages: chatMessages(history, saved),
    maxTokens: client.config.maxOutputTokens,
  });
  const ending: Ending = {};
  let usage: LlmUsage = usageOf(undefined);
  const filter = new ReplyFilter();
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      ending.finishReason = choice?.finish_reason ?? ending.finishReason;
      if (choice?.delta?.refusal) ending.refusal = (ending.refusal ?? "") + choice.delta.refusal;
      if (chunk.usage) usage = usageOf(chunk.usage);
      const piece = filter.push(deltaOf(chunk));
      if (piece) yield { type: "token", text: piece };
    }
  } catch (error) {
    throw classify(error, scope).failure;
  }
  // The SDK's stream ends quietly, without an error, when its signal aborts: the scope says why it ended.
  scope.throwIfEnded();
  if (isRefusal(ending)) {
    client.config.logger.info({ task: "chat", ...ending }, "openai server blocked a chat turn");
    yield { type: "done", reply: BLOCKED_CHAT_REPLY, refused: true, usage };
    return;
  }
  const failed = ending.finishReason !== undefined && ending.finishReason !== null && !["stop", "length"].includes(ending.finishReason);
  if (failed || filter.empty) {
    throw new AiError("invalid_output", "The recipe model returned an invalid answer", { cause: ending });
  }
  const rest = filter.flush();
  if (rest) yield { type: "token", text: rest };
  yield { type: "done", reply: filter.reply.trim(), refused: filter.refused ?? false, usage };
}

/** System message, then the turns: user text delimited and escaped, the saved recipes with the newest one. */
export function chatMessages(
  history: readonly ChatTurn[],
  saved: readonly SavedRecipeContext[] | undefined,
): ChatCompletionMessageParam[] {
  const { systemInstruction, turns, savedBlock } = groundedChat(history, saved);
  const last = turns.length - 1;
  return [
    { role: "system", content: systemInstruction },
    ...turns.map((turn, i): ChatCompletionMessageParam => {
      if (turn.role === "assistant") return { role: "assistant", content: turn.content };
      const message = delimit(escapeUserText(turn.content));
      return { role: "user", content: i === last && savedBlock ? `${savedBlock}\n\n${message}` : message };
    }),
  ];
}
