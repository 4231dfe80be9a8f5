import { LIMITS } from "@sous/schemas";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { ChatHistory } from "./ChatHistory.js";
import { EmptyState } from "../../components/Status.js";
import { useChat, type ChatMessage } from "./useChat.js";

/** The cooking chat: ask, and the reply streams in. */
export function ChatScreen() {
  const id = useId();
  const { messages, conversationId, error, streaming, send, reset, open } = useChat();
  const [draft, setDraft] = useState("");
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [messages]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft.trim() || streaming) return;
    send(draft);
    setDraft("");
  };
  // Enter sends, Shift+Enter starts a new line, as in every chat.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const failed = messages.find((m) => m.failed);
  // Tokens are not announced one by one (too noisy); the finished reply is, once.
  const last = messages.at(-1);
  const announcement = streaming
    ? "Sous is replying…"
    : last?.role === "assistant" && !last.pending
      ? `Sous replied: ${last.content}`
      : "";

  return (
    <div className="screen chat">
      <div className="screen-head">
        <h1 className="screen-title">Cooking chat</h1>
        {conversationId && (
          <button type="button" className="button" onClick={reset}>
            New conversation
          </button>
        )}
      </div>

      <ChatHistory current={conversationId} onOpen={open} onDeleted={(gone) => gone === conversationId && reset()} />

      <div className="card chat-card">
        {messages.length === 0 ? (
          <EmptyState title="Ask anything about cooking">
            <p>Substitutions, timings, safe temperatures, what to do with leftover rice…</p>
          </EmptyState>
        ) : (
          <ol className="messages" aria-label="Conversation">
            {messages.map((message) => (
              <Message key={message.id} message={message} />
            ))}
          </ol>
        )}
        <div ref={endRef} />
        <p className="visually-hidden" role="status">
          {announcement}
        </p>

        {error !== null && (
          <ErrorNotice error={error} onRetry={failed ? () => send(failed.content) : undefined} />
        )}

        <form className="composer" onSubmit={submit} aria-label="Send a message">
          <label htmlFor={`${id}-message`} className="visually-hidden">
            Message
          </label>
          <textarea
            id={`${id}-message`}
            rows={2}
            maxLength={LIMITS.chatMessage}
            placeholder="Ask Sous… (Enter to send, Shift+Enter for a new line)"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button button-primary" disabled={streaming || !draft.trim()}>
            {streaming ? "Replying…" : "Send"}
          </button>
        </form>
      </div>
    </div>
  );
}

function Message({ message }: { message: ChatMessage }) {
  const who = message.role === "user" ? "You" : "Sous";
  const classes = ["message", `message-${message.role}`];
  if (message.refused) classes.push("message-refused");
  if (message.failed) classes.push("message-failed");
  return (
    <li className={classes.join(" ")} aria-busy={message.pending ?? false} data-testid={`message-${message.role}`}>
      <p className="message-who">{who}</p>
      {message.refused && <p className="message-note">Sous can't help with that one.</p>}
      <p className="message-text">
        {message.content || (message.pending ? <TypingDots /> : null)}
      </p>
      {message.failed && <p className="message-note">Not answered.</p>}
    </li>
  );
}

function TypingDots() {
  return (
    <span className="typing">
      <span className="visually-hidden">Sous is typing</span>
    </span>
  );
}
