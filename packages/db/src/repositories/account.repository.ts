import type { Kysely } from "kysely";
import type { Database, ShoppingSource } from "../schema.js";
import type { Meal } from "./plan.repository.js";

/** Everything stored about one user, as stored (camelCase), secrets left out: token hashes never leave. */
export interface AccountRecords {
  user: { id: string; email: string; name: string | null; picture: string | null; role: string; provider: string; createdAt: Date };
  saved: {
    id: string;
    title: string;
    recipe: Record<string, unknown>;
    tags: string[];
    notes: string;
    rating: number | null;
    createdAt: Date;
    updatedAt: Date;
  }[];
  shares: { savedId: string; createdAt: Date }[];
  conversations: {
    id: string;
    title: string;
    createdAt: Date;
    updatedAt: Date;
    messages: { role: "user" | "assistant"; content: string; createdAt: Date }[];
  }[];
  shopping: { id: string; name: string; quantity: number | null; unit: string | null; checked: boolean; sources: ShoppingSource[] }[];
  plan: { id: string; date: string; meal: Meal; savedId: string; servings: number | null }[];
  apiTokens: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }[];
  sessions: { createdAt: Date; expiresAt: Date; revokedAt: Date | null }[];
  aiUsage: { day: string; calls: number; inputTokens: number; outputTokens: number }[];
}

export interface AccountRepository {
  /** Undefined when the user does not exist. Run it in a transaction for one consistent snapshot. */
  export(userId: string): Promise<AccountRecords | undefined>;
  /**
   * Deletes every row of the user, in every table, and the user. Several statements: run it in a transaction.
   * False when the user did not exist.
   */
  deleteAll(userId: string): Promise<boolean>;
}

export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    async export(userId) {
      const user = await db
        .selectFrom("users")
        .select(["id", "email", "name", "picture", "role", "provider", "created_at as createdAt"])
        .where("id", "=", userId)
        .executeTakeFirst();
      if (!user) return undefined;
      const [saved, shares, conversations, messages, shopping, plan, apiTokens, sessions, aiUsage] = await Promise.all([
        db
          .selectFrom("saved_recipes")
          .select(["id", "title", "recipe", "tags", "notes", "rating", "created_at as createdAt", "updated_at as updatedAt"])
          .where("user_id", "=", userId)
          .orderBy("created_at")
          .orderBy("id")
          .execute(),
        db.selectFrom("recipe_shares").select(["saved_id as savedId", "created_at as createdAt"]).where("user_id", "=", userId).execute(),
        db
          .selectFrom("conversations")
          .select(["id", "title", "created_at as createdAt", "updated_at as updatedAt"])
          .where("user_id", "=", userId)
          .orderBy("created_at")
          .orderBy("id")
          .execute(),
        db
          .selectFrom("messages as m")
          .innerJoin("conversations as c", "c.id", "m.conversation_id")
          .select(["m.conversation_id as conversationId", "m.role", "m.content", "m.created_at as createdAt"])
          .where("c.user_id", "=", userId)
          .orderBy("m.created_at")
          .orderBy("m.id")
          .execute(),
        db
          .selectFrom("shopping_items")
          .select(["id", "name", "quantity", "unit", "checked", "sources"])
          .where("user_id", "=", userId)
          .orderBy("created_at")
          .orderBy("id")
          .execute(),
        db
          .selectFrom("plan_entries")
          .select(["id", "day as date", "meal", "saved_id as savedId", "servings"])
          .where("user_id", "=", userId)
          .orderBy("day")
          .orderBy("created_at")
          .execute(),
        db
          .selectFrom("api_tokens")
          .select(["id", "name", "created_at as createdAt", "last_used_at as lastUsedAt", "expires_at as expiresAt", "revoked_at as revokedAt"])
          .where("user_id", "=", userId)
          .orderBy("created_at")
          .execute(),
        db
          .selectFrom("session_families")
          .select(["created_at as createdAt", "expires_at as expiresAt", "revoked_at as revokedAt"])
          .where("user_id", "=", userId)
          .orderBy("created_at")
          .execute(),
        db
          .selectFrom("ai_usage")
          .select(["day", "calls", "input_tokens as inputTokens", "output_tokens as outputTokens"])
          .where("subject", "=", userId)
          .orderBy("day")
          .execute(),
      ]);
      const byConversation = new Map<string, (typeof messages)[number][]>();
      for (const m of messages) {
        const list = byConversation.get(m.conversationId);
        if (list) list.push(m);
        else byConversation.set(m.conversationId, [m]);
      }
      return {
        user,
        saved,
        shares,
        conversations: conversations.map((c) => ({
          ...c,
          messages: (byConversation.get(c.id) ?? []).map(({ role, content, createdAt }) => ({ role, content, createdAt })),
        })),
        shopping,
        plan,
        apiTokens,
        sessions,
        aiUsage: aiUsage.map((u) => ({ ...u, inputTokens: Number(u.inputTokens), outputTokens: Number(u.outputTokens) })),
      };
    },

    async deleteAll(userId) {
      // Children first, each table by name, though the foreign keys cascade: a table added later without a
      // cascade then fails this loudly instead of leaving rows behind. ai_usage is keyed by subject, not by
      // a foreign key, so only this statement removes it.
      await db.deleteFrom("plan_entries").where("user_id", "=", userId).execute();
      await db.deleteFrom("shopping_items").where("user_id", "=", userId).execute();
      await db.deleteFrom("recipe_shares").where("user_id", "=", userId).execute();
      await db
        .deleteFrom("messages")
        .where("conversation_id", "in", (eb) => eb.selectFrom("conversations").select("id").where("user_id", "=", userId))
        .execute();
      await db.deleteFrom("conversations").where("user_id", "=", userId).execute();
      await db.deleteFrom("saved_recipes").where("user_id", "=", userId).execute();
      await db.deleteFrom("api_tokens").where("user_id", "=", userId).execute();
      await db
        .deleteFrom("refresh_tokens")
        .where("family_id", "in", (eb) => eb.selectFrom("session_families").select("id").where("user_id", "=", userId))
        .execute();
      await db.deleteFrom("session_families").where("user_id", "=", userId).execute();
      await db.deleteFrom("ai_usage").where("subject", "=", userId).execute();
      const result = await db.deleteFrom("users").where("id", "=", userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
