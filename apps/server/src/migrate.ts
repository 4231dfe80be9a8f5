/** `pnpm db:migrate`: brings the configured database (DATABASE_URL, else the embedded one) to the latest schema. */
import { createDb, migrateToLatest } from "@sous/db";
import { loadConfig } from "./env.js";

const config = loadConfig();
const db = await createDb(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
try {
  const applied = await migrateToLatest(db.db);
  console.log(applied.length > 0 ? `Applied: ${applied.join(", ")}` : "Already up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
