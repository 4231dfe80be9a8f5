import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { MigrationResult } from "kysely/migration";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";

/**
 * Brings the schema to the latest migration (each migration runs in a transaction, under Kysely's lock, so
 * concurrent starts are safe). Returns the names applied by this call, none when already up to date; throws an
 * Error naming the failed migration, with the database error as `cause`.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r: MigrationResult) => r.status === "Error")?.migrationName ?? "(before any migration ran)";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
