import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

export type Meal = "breakfast" | "lunch" | "dinner";

export interface PlanEntryRecord {
  id: string;
  /** "YYYY-MM-DD". */
  date: string;
  meal: Meal;
  savedId: string;
  title: string;
  /** The entry's servings, else the saved recipe's own. */
  servings: number;
}

export interface PlanRepository {
  /**
   * Puts the user's saved recipe on a day and meal, or changes the servings of the entry already there.
   * Undefined when the saved recipe is missing or someone else's.
   */
  upsert(input: { userId: string; savedId: string; date: string; meal: Meal; servings: number | null }): Promise<PlanEntryRecord | undefined>;
  /** Entries of `from`..`to` inclusive, by date, then meal of the day, then when they were added. */
  range(userId: string, from: string, to: string): Promise<PlanEntryRecord[]>;
  delete(userId: string, id: string): Promise<boolean>;
}

export function createPlanRepository(db: Kysely<Database>): PlanRepository {
  const entries = (userId: string) =>
    db
      .selectFrom("plan_entries as p")
      .innerJoin("saved_recipes as r", "r.id", "p.saved_id")
      .select([
        "p.id",
        "p.day as date",
        "p.meal",
        "p.saved_id as savedId",
        "r.title",
        sql<number>`coalesce(p.servings, (r.recipe->>'servings')::int)::int`.as("servings"),
      ])
      .where("p.user_id", "=", userId);

  return {
    async upsert({ userId, savedId, date, meal, servings }) {
      const row = await db
        .insertInto("plan_entries")
        .columns(["user_id", "saved_id", "day", "meal", "servings"])
        .expression((eb) =>
          eb
            .selectFrom("saved_recipes")
            .select([
              "user_id",
              "id",
              // Typed here: a bare parameter in a select list would reach the insert as text.
              sql<string>`${date}::date`.as("day"),
              sql<Meal>`${meal}::text`.as("meal"),
              sql<number | null>`${servings}::smallint`.as("servings"),
            ])
            .where("id", "=", savedId)
            .where("user_id", "=", userId),
        )
        .onConflict((oc) => oc.columns(["user_id", "day", "meal", "saved_id"]).doUpdateSet((eb) => ({ servings: eb.ref("excluded.servings") })))
        .returning("id")
        .executeTakeFirst();
      if (!row) return undefined;
      return entries(userId).where("p.id", "=", row.id).executeTakeFirst();
    },

    range: (userId, from, to) =>
      entries(userId)
        .where("p.day", ">=", from)
        .where("p.day", "<=", to)
        .orderBy("p.day")
        .orderBy((eb) => eb.case().when("p.meal", "=", "breakfast").then(0).when("p.meal", "=", "lunch").then(1).else(2).end())
        .orderBy("p.created_at")
        .orderBy("p.id")
        .execute(),

    async delete(userId, id) {
      const result = await db.deleteFrom("plan_entries").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
