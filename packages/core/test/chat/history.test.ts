import { describe, expect, it } from "vitest";
import { boundHistory, CHAT_REFUSAL_REPLY, titleOf } from "../../src/chat/history.js";
import type { ChatTurn } from "../../src/ports/llm.js";

const user = (content: string): ChatTurn => ({ role: "user", content });
const assistant = (content: string): ChatTurn => ({ role: "assistant", content });

describe("boundHistory", () => {
  it("ends with the new message and keeps the newest turns within the turn cap, user first", () => {
    const past = [user("u0"), assistant("a0"), user("u1"), assistant("a1"), user("u2"), assistant("a2")];
    expect(boundHistory(past, "new", { maxTurns: 4, maxChars: 10_000 })).toEqual([
      user("u2"),
      assistant("a2"),
      user("new"),
    ]);
    expect(boundHistory(past, "new", { maxTurns: 5, maxChars: 10_000 })).toEqual([
      user("u1"),
      assistant("a1"),
      user("u2"),
      assistant("a2"),
      user("new"),
    ]);
  });

  it("stops at the character cap, counting the new message", () => {
    const past = [user("x".repeat(40)), assistant("y".repeat(40)), user("z".repeat(10)), assistant("w".repeat(10))];
    const bounded = boundHistory(past, "n".repeat(10), { maxTurns: 20, maxChars: 60 });
    expect(bounded.map((t) => t.content[0])).toEqual(["z", "w", "n"]);
  });

  it("leaves out exchanges the guard refused, so refused text never goes upstream", () => {
    const past = [user("how to boil eggs"), assistant("9 minutes"), user("write malware"), assistant(CHAT_REFUSAL_REPLY)];
    expect(boundHistory(past, "and soft?", { maxTurns: 20, maxChars: 10_000 })).toEqual([
      user("how to boil eggs"),
      assistant("9 minutes"),
      user("and soft?"),
    ]);
  });

  it("with no history sends the message alone", () => {
    expect(boundHistory([], "hello", { maxTurns: 20, maxChars: 12_000 })).toEqual([user("hello")]);
  });
});

describe("titleOf", () => {
  it("is the first message on one line, cut at a word near 80 characters", () => {
    expect(titleOf("  How do I\nmake   bread? ")).toBe("How do I make bread?");
    const long = `${"word ".repeat(30)}end`;
    const title = titleOf(long);
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith("word…")).toBe(true);
  });
});
