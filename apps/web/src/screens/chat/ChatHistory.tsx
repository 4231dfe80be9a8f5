import { useId } from "react";
import { trpc } from "../../api/trpc.js";
import { useSession } from "../../auth/session.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { formatDate } from "../../components/format.js";

/**
 * The signed-in cook's past conversations (history lives on the server): reopen one to go on with it, or
 * delete it.
 */
export function ChatHistory({
  current,
  onOpen,
  onDeleted,
}: {
  current: string | undefined;
  onOpen(id: string, messages: { role: "user" | "assistant"; content: string }[]): void;
  onDeleted(id: string): void;
}) {
  const id = useId();
  const { status } = useSession();
  const utils = trpc.useUtils();
  const list = trpc.chat.conversations.list.useQuery({ limit: 20 }, { enabled: status === "signedIn" });
  const remove = trpc.chat.conversations.delete.useMutation({
    onSuccess: async (_data, input) => {
      onDeleted(input.id);
      await utils.chat.conversations.list.invalidate();
    },
  });
  const open = async (conversationId: string) => {
    const conversation = await utils.chat.conversations.byId.fetch({ id: conversationId });
    onOpen(conversationId, conversation.messages);
  };

  if (status !== "signedIn" || !list.data || list.data.items.length === 0) return null;
  return (
    <details className="card chat-history">
      <summary id={`${id}-title`}>Past conversations ({list.data.items.length})</summary>
      {list.error && <ErrorNotice error={list.error} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      <ul aria-labelledby={`${id}-title`}>
        {list.data.items.map((conversation) => (
          <li key={conversation.id} aria-current={conversation.id === current ? "true" : undefined} data-testid="conversation">
            <button type="button" className="button button-link" onClick={() => void open(conversation.id)}>
              {conversation.title}
            </button>{" "}
            <span className="muted small">{formatDate(conversation.updatedAt)}</span>{" "}
            <button
              type="button"
              className="button button-link"
              aria-label={`Delete conversation ${conversation.title}`}
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: conversation.id })}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
