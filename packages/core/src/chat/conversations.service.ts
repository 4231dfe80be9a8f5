import type { ConversationRecord } from "@sous/db";
import type { Conversation, ConversationPage, ConversationsListInput, ConversationSummary } from "@sous/schemas";
import { NotFoundError } from "../errors.js";
import type { UnitOfWork } from "../repositories.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

/** A signed-in user's stored conversations. Someone else's conversation answers exactly like a missing one. */
export interface ConversationsService {
  list(userId: string, input: ConversationsListInput): Promise<ConversationPage>;
  byId(userId: string, id: string): Promise<Conversation>;
  delete(userId: string, id: string): Promise<{ id: string }>;
}

/** Messages returned with one conversation: the newest ones, which is what a chat view shows. */
export const MAX_MESSAGES_SHOWN = 500;

const summary = (c: ConversationRecord): ConversationSummary => ({
  id: c.id,
  title: c.title,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export function createConversationsService({ uow }: { uow: UnitOfWork }): ConversationsService {
  const repo = uow.repos.conversations;
  return {
    async list(userId, input) {
      const rows = await repo.listByUser(userId, {
        cursor: input.cursor === undefined ? undefined : decodeCursor(input.cursor),
        limit: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(summary),
        nextCursor: rows.length > input.limit && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.id }) : null,
      };
    },

    async byId(userId, id) {
      const owner = { userId };
      const conversation = await repo.find(id, owner);
      if (!conversation) throw new NotFoundError("Conversation");
      const messages = await repo.history(id, owner, MAX_MESSAGES_SHOWN);
      return { ...summary(conversation), messages };
    },

    async delete(userId, id) {
      if (!(await repo.deleteForUser(id, userId))) throw new NotFoundError("Conversation");
      return { id };
    },
  };
}
