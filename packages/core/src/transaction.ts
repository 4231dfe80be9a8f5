import type { Kysely, Transaction } from "kysely";
import type { Database } from "@sous/db";

/**
 * Runs `fn` in a transaction; inside one already, joins it (Kysely cannot nest transactions, and a service
 * composed of others should not care whether it is the outermost).
 */
export function withTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}
