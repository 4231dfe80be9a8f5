import { REFUSAL_MARKER } from "../prompts/chat.prompt.js";

/** What the user sees when the model's server blocks a chat turn (a safety finish, a prompt block). */
export const BLOCKED_CHAT_REPLY = "Sorry, I can't help with that. I'm happy to answer cooking questions.";
/** Used when the model gives the refusal marker and nothing after it. */
export const OFF_TOPIC_REPLY = "I can only help with cooking questions.";

/**
 * The chat reply as the user sees it, built from streamed pieces. The model marks an off-topic refusal by
 * starting with REFUSAL_MARKER, so the first characters are held back until it is clear whether the reply
 * starts with it; the marker never reaches the user. `push` returns the text to show now.
 */
export class ReplyFilter {
  private held = "";
  reply = "";
  refused: boolean | undefined;

  push(piece: string): string {
    if (this.refused === undefined) {
      this.held += piece;
      const start = this.held.trimStart();
      if (start.length < REFUSAL_MARKER.length && REFUSAL_MARKER.startsWith(start)) return "";
      this.refused = start.startsWith(REFUSAL_MARKER);
      piece = this.refused ? start.slice(REFUSAL_MARKER.length) : start;
    }
    if (!this.reply) piece = piece.trimStart(); // the reply starts at its first visible character
    this.reply += piece;
    return piece;
  }

  /** Whether the model said anything at all (the marker included). */
  get empty(): boolean {
    return !(this.held + this.reply).trim();
  }

  /**
   * The text still to show when the stream ends: a short reply that merely starts like the marker (not a
   * refusal), or the fixed off-topic reply for a bare marker.
   */
  flush(): string {
    if (this.refused === undefined) {
      this.refused = false;
      this.reply = this.held.trimStart();
      return this.reply;
    }
    if (this.refused && !this.reply.trim()) {
      this.reply = OFF_TOPIC_REPLY;
      return this.reply;
    }
    return "";
  }
}
