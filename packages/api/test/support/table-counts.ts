import type { Database } from "@sous/db";
import type { Harness } from "./harness.js";

/**
 * Rows of every table in the database, found by Kysely's introspection rather than listed by hand: a table
 * added by a later migration is counted without anyone remembering it here. Kysely's own bookkeeping is left out.
 */
export async function countEveryTable(h: Harness): Promise<Record<string, number>> {
  const tables = (await h.db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const name of tables.sort()) {
    const row = await h.db
      .selectFrom(name as keyof Database)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts;
}
