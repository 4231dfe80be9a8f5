import type { ChatTurn } from "../ports/llm.js";

/**
 * What the assistant answers when the prompt guard refuses a message. The exchange is stored (the user sees
 * their conversation as it happened) but recognised by this exact reply and never sent upstream again, so a
 * refused message cannot reach the model in a later turn's history.
 */
export const CHAT_REFUSAL_REPLY =
  "Sorry, I can only help with cooking: recipes, ingredients, techniques, substitutions and food safety. What would you like to cook?";

export interface HistoryLimits {
  maxTurns: number;
  maxChars: number;
}

/**
 * The turns sent upstream for a new message: stored history minus refused exchanges, then the newest turns
 * that fit both caps (the new message always fits: the input schema bounds it well below maxChars). The result
 * starts with a user turn, as Gemini requires, and ends with the new message.
 */
export function boundHistory(past: readonly ChatTurn[], message: string, limits: HistoryLimits): ChatTurn[] {
  const turns = withoutRefusals(past);
  const bounded: ChatTurn[] = [{ role: "user", content: message }];
  let chars = message.length;
  for (let i = turns.length - 1; i >= 0 && bounded.length < limits.maxTurns; i--) {
    const turn = turns[i]!;
    chars += turn.content.length;
    if (chars > limits.maxChars) break;
    bounded.unshift(turn);
  }
  while (bounded.length > 1 && bounded[0]!.role !== "user") bounded.shift();
  return bounded;
}

function withoutRefusals(turns: readonly ChatTurn[]): ChatTurn[] {
  const kept: ChatTurn[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    const next = turns[i + 1];
    if (turn.role === "user" && next?.role === "assistant" && next.content === CHAT_REFUSAL_REPLY) {
      i++;
      continue;
    }
    kept.push({ role: turn.role, content: turn.content });
  }
  return kept;
}

/** A conversation's title: its first message on one line, cut at a word near 80 characters. */
export function titleOf(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
