import { sql, type Kysely } from "kysely";
import type { Database, ShoppingSource } from "../schema.js";

export interface ShoppingItemRecord {
  id: string;
  name: string;
  quantity: number | null;
  unit: string | null;
  checked: boolean;
  sources: ShoppingSource[];
}

export interface ShoppingLine {
  name: string;
  quantity: number | null;
  unit: string | null;
  sources: ShoppingSource[];
}

export interface ShoppingRepository {
  /** The user's lines in the order they were first added. */
  list(userId: string): Promise<ShoppingItemRecord[]>;
  /**
   * The user's lines, read under a lock on the user's row held until the transaction ends: merging reads then
   * writes, and two concurrent additions must not both miss the line they should merge into.
   */
  listForUpdate(userId: string): Promise<ShoppingItemRecord[]>;
  insert(userId: string, lines: ShoppingLine[]): Promise<void>;
  /** Replaces a line's amount and sources (a merge); false when it is not the user's. */
  replace(userId: string, id: string, line: ShoppingLine): Promise<boolean>;
  setChecked(userId: string, id: string, checked: boolean): Promise<boolean>;
  delete(userId: string, id: string): Promise<boolean>;
  clear(userId: string, checkedOnly: boolean): Promise<void>;
}

const columns = ["id", "name", "quantity", "unit", "checked", "sources"] as const;

const toDbLine = (line: ShoppingLine) => ({
  name: line.name,
  quantity: line.quantity,
  unit: line.unit,
  sources: JSON.stringify(line.sources),
});

export function createShoppingRepository(db: Kysely<Database>): ShoppingRepository {
  const listQuery = (userId: string) =>
    db.selectFrom("shopping_items").select(columns).where("user_id", "=", userId).orderBy("created_at").orderBy("id");
  return {
    list: (userId) => listQuery(userId).execute(),
    async listForUpdate(userId) {
      // NO KEY UPDATE: serialises list writers without blocking inserts that reference the user elsewhere.
      await db.selectFrom("users").select("id").where("id", "=", userId).forNoKeyUpdate().execute();
      return listQuery(userId).execute();
    },

    async insert(userId, lines) {
      if (lines.length === 0) return;
      // One statement; created_at grows by a millisecond per line so the list keeps the order given.
      const base = Date.now();
      await db
        .insertInto("shopping_items")
        .values(lines.map((line, i) => ({ user_id: userId, ...toDbLine(line), created_at: new Date(base + i) })))
        .execute();
    },

    async replace(userId, id, line) {
      const result = await db
        .updateTable("shopping_items")
        .set({ ...toDbLine(line), updated_at: sql<Date>`now()` })
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setChecked(userId, id, checked) {
      const result = await db
        .updateTable("shopping_items")
        .set({ checked, updated_at: sql<Date>`now()` })
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(userId, id) {
      const result = await db.deleteFrom("shopping_items").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async clear(userId, checkedOnly) {
      let query = db.deleteFrom("shopping_items").where("user_id", "=", userId);
      if (checkedOnly) query = query.where("checked", "=", true);
      await query.execute();
    },
  };
}
