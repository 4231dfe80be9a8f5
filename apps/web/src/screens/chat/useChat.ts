import { useCallback, useEffect, useRef, useState } from "react";
import { runStream } from "../../api/stream.js";
import { trpc, type RouterOutputs, type StreamEvent } from "../../api/trpc.js";

type ChatEvent = StreamEvent<RouterOutputs["chat"]["stream"]>;

export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  /** assistant: still streaming */
  pending?: boolean;
  /** assistant: the reply is a refusal (off-topic or unsafe) */
  refused?: boolean;
  /** user: the turn failed; the error is shown and the text can be sent again */
  failed?: boolean;
}

/**
 * One conversation: the turns shown, the server's conversationId (history lives on the server; the client
 * only ever sends the user's new message), and the reply streaming in token by token.
 */
export function useChat() {
  const utils = trpc.useUtils();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [conversationId, setConversationId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [streaming, setStreaming] = useState(false);
  const nextId = useRef(1);
  const stopRef = useRef<(() => void) | null>(null);

  useEffect(() => () => stopRef.current?.(), []);

  const update = (id: number, change: Partial<ChatMessage>) =>
    setMessages((all) => all.map((message) => (message.id === id ? { ...message, ...change } : message)));

  const send = useCallback(
    (text: string) => {
      const message = text.trim();
      if (!message || streaming) return;
      const userId = nextId.current++;
      const replyId = nextId.current++;
      setError(null);
      setStreaming(true);
      setMessages((all) => [
        ...all.filter((m) => !m.failed),
        { id: userId, role: "user", content: message },
        { id: replyId, role: "assistant", content: "", pending: true },
      ]);
      let reply = "";
      stopRef.current = runStream<ChatEvent>(
        (observer) =>
          utils.client.chat.stream.subscribe(conversationId ? { message, conversationId } : { message }, observer),
        (event) => event.type === "done",
        {
          onData(event) {
            if (event.type === "token") {
              reply += event.text;
              update(replyId, { content: reply });
              return;
            }
            update(replyId, { content: event.reply, pending: false, refused: event.refused });
            setConversationId(event.conversationId);
            setStreaming(false);
          },
          onRestart() {
            reply = "";
            update(replyId, { content: "" });
          },
          onError(failure) {
            setMessages((all) =>
              all
                .filter((m) => m.id !== replyId)
                .map((m) => (m.id === userId ? { ...m, failed: true } : m)),
            );
            setError(failure);
            setStreaming(false);
          },
          onSettled: () => {
            void utils.recipe.quota.invalidate();
            void utils.chat.conversations.list.invalidate();
          },
        },
      );
    },
    [conversationId, streaming, utils],
  );

  const reset = useCallback(() => {
    stopRef.current?.();
    setMessages([]);
    setConversationId(undefined);
    setError(null);
    setStreaming(false);
  }, []);

  /** Reopens a conversation from the server's history; the next message continues it. */
  const open = useCallback((id: string, history: readonly { role: "user" | "assistant"; content: string }[]) => {
    stopRef.current?.();
    setMessages(history.map((turn) => ({ id: nextId.current++, role: turn.role, content: turn.content })));
    setConversationId(id);
    setError(null);
    setStreaming(false);
  }, []);

  return { messages, conversationId, error, streaming, send, reset, open };
}
