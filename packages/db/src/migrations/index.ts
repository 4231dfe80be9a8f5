import type { Migration, MigrationProvider } from "kysely/migration";
import * as m0001 from "./0001_initial.js";
import * as m0002 from "./0002_saved_recipes_ms_timestamps.js";
import * as m0004 from "./0004_lists_plans_shares.js";

// Migrations are listed here in code rather than discovered in a folder, so they work from dist/, from a
// bundle and from TypeScript source alike. Names sort in the order they run; never rename or edit a shipped one.
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_saved_recipes_ms_timestamps": m0002,
  "0004_lists_plans_shares": m0004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
