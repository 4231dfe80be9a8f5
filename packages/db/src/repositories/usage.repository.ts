import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

export interface UsageDelta {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageRecord extends UsageDelta {
  subject: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

/** AI usage per subject (a user id, or "ip:<address>") per UTC day. */
export interface UsageRepository {
  /** Adds `delta` to the day's row, creating it: one upsert, so concurrent calls never lose an increment. */
  record(subject: string, day: string, delta: UsageDelta): Promise<void>;
  forSubject(subject: string, day: string): Promise<UsageRecord | undefined>;
}

export function createUsageRepository(db: Kysely<Database>): UsageRepository {
  return {
    async record(subject, day, delta) {
      await db
        .insertInto("ai_usage")
        .values({
          subject,
          day,
          calls: delta.calls,
          input_tokens: delta.inputTokens,
          output_tokens: delta.outputTokens,
        })
        .onConflict((conflict) =>
          conflict.columns(["subject", "day"]).doUpdateSet({
            calls: sql<number>`ai_usage.calls + excluded.calls`,
            input_tokens: sql<number>`ai_usage.input_tokens + excluded.input_tokens`,
            output_tokens: sql<number>`ai_usage.output_tokens + excluded.output_tokens`,
          }),
        )
        .execute();
    },

    async forSubject(subject, day) {
      const row = await db
        .selectFrom("ai_usage")
        .select(["subject", "day", "calls", "input_tokens", "output_tokens"])
        .where("subject", "=", subject)
        .where("day", "=", day)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        subject: row.subject,
        day: row.day,
        calls: row.calls,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
      };
    },
  };
}
