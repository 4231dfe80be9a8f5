import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database } from "../schema.js";

export interface ConversationRecord {
  id: string;
  /** Null for an anonymous conversation. */
  userId: string | null;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set only on anonymous conversations. */
  expiresAt: Date | null;
}

export interface MessageRecord {
  id: string;
  role: "user" | "assistant";
  content: string;
  createdAt: Date;
}

/**
 * Who may reach a conversation: its signed-in owner, or (for an anonymous one, until it expires) any anonymous
 * caller holding its id. Every query that reads or changes a conversation applies this in the same statement.
 */
export type ConversationOwner = { userId: string } | { anonymous: true; now: Date };

export interface ConversationCursor {
  updatedAt: Date;
  id: string;
}

export interface ConversationsRepository {
  create(input: { userId: string | null; title: string; at: Date; expiresAt: Date | null }): Promise<ConversationRecord>;
  /** The conversation when `owner` may reach it; undefined otherwise (someone else's, expired, or missing). */
  find(id: string, owner: ConversationOwner): Promise<ConversationRecord | undefined>;
  /**
   * Appends a message. Its timestamp is `at`, moved just past the conversation's newest message when needed, so
   * the order of a conversation never depends on clock resolution or on two inserts in one transaction.
   */
  appendMessage(input: { conversationId: string; role: "user" | "assistant"; content: string; at: Date }): Promise<MessageRecord>;
  /** Marks activity: bumps updated_at and, for anonymous conversations, pushes expiry out. */
  touch(input: { id: string; at: Date; expiresAt: Date | null }): Promise<void>;
  /** The newest `limit` messages of a conversation `owner` may reach, oldest first; [] otherwise. */
  history(id: string, owner: ConversationOwner, limit: number): Promise<MessageRecord[]>;
  /** A user's conversations, most recently active first, `limit` after `cursor` (keyset). */
  listByUser(userId: string, input: { cursor?: ConversationCursor | undefined; limit: number }): Promise<ConversationRecord[]>;
  /** Deletes the user's conversation (its messages cascade); false when it is not theirs or does not exist. */
  deleteForUser(id: string, userId: string): Promise<boolean>;
  /** Deletes anonymous conversations that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

const columns = ["c.id", "c.user_id", "c.title", "c.created_at", "c.updated_at", "c.expires_at"] as const;

interface ConversationRow {
  id: string;
  user_id: string | null;
  title: string;
  created_at: Date;
  updated_at: Date;
  expires_at: Date | null;
}

function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

function toMessage(row: { id: string; role: "user" | "assistant"; content: string; created_at: Date }): MessageRecord {
  return { id: row.id, role: row.role, content: row.content, createdAt: row.created_at };
}

/** The ownership filter on `conversations as c`. */
function reachableBy(owner: ConversationOwner) {
  return (eb: ExpressionBuilder<Database & { c: Database["conversations"] }, "c">) =>
    "userId" in owner
      ? eb("c.user_id", "=", owner.userId)
      : eb.and([eb("c.user_id", "is", null), eb("c.expires_at", ">", owner.now)]);
}

export function createConversationsRepository(db: Kysely<Database>): ConversationsRepository {
  return {
    async create({ userId, title, at, expiresAt }) {
      const row = await db
        .insertInto("conversations")
        .values({ user_id: userId, title, created_at: at, updated_at: at, expires_at: expiresAt })
        .returning(["id", "user_id", "title", "created_at", "updated_at", "expires_at"])
        .executeTakeFirstOrThrow();
      return toConversation(row);
    },

    async find(id, owner) {
      const row = await db
        .selectFrom("conversations as c")
        .select(columns)
        .where("c.id", "=", id)
        .where(reachableBy(owner))
        .executeTakeFirst();
      return row && toConversation(row);
    },

    async appendMessage({ conversationId, role, content, at }) {
      const newest = sql<Date | null>`(select max(m.created_at) from messages m where m.conversation_id = ${conversationId})`;
      const row = await db
        .insertInto("messages")
        .values({
          conversation_id: conversationId,
          role,
          content,
          created_at: sql<Date>`greatest(${at}::timestamptz, ${newest} + interval '1 microsecond')`,
        })
        .returning(["id", "role", "content", "created_at"])
        .executeTakeFirstOrThrow();
      return toMessage(row);
    },

    async touch({ id, at, expiresAt }) {
      await db
        .updateTable("conversations")
        .set({ updated_at: at, ...(expiresAt ? { expires_at: expiresAt } : {}) })
        .where("id", "=", id)
        .execute();
    },

    async history(id, owner, limit) {
      const rows = await db
        .selectFrom("messages as m")
        .innerJoin("conversations as c", "c.id", "m.conversation_id")
        .select(["m.id", "m.role", "m.content", "m.created_at"])
        .where("c.id", "=", id)
        .where(reachableBy(owner))
        .orderBy("m.created_at", "desc")
        .orderBy("m.id", "desc")
        .limit(limit)
        .execute();
      return rows.reverse().map(toMessage);
    },

    async listByUser(userId, { cursor, limit }) {
      let query = db
        .selectFrom("conversations as c")
        .select(columns)
        .where("c.user_id", "=", userId)
        .orderBy("c.updated_at", "desc")
        .orderBy("c.id", "desc")
        .limit(limit);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("c.updated_at", "c.id"), "<", eb.tuple(cursor.updatedAt, cursor.id)),
        );
      }
      return (await query.execute()).map(toConversation);
    },

    async deleteForUser(id, userId) {
      const result = await db
        .deleteFrom("conversations")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteExpired(now) {
      const result = await db
        .deleteFrom("conversations")
        .where("user_id", "is", null)
        .where("expires_at", "<=", now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
