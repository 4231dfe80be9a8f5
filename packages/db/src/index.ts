import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export { createDb, openPglite, pgliteHandle } from "./create-db.js";
export type { CreateDbOptions, DbHandle } from "./create-db.js";
export { migrateToLatest } from "./migrate.js";
export { classifyDatabaseError } from "./failures.js";
export type { DatabaseFailure } from "./failures.js";
export { QueryDeadlineError } from "./query-deadline.js";
export { migrations } from "./migrations/index.js";
// The speed that rides public hooks, exported for `pnpm bench` to measure against the libraries they stand in for.
export { pgTypeParsers } from "./pg-parsers.js";
export { savedListStatement, savedListStatementRebuilt } from "./repositories/saved-list.query.js";
export type * from "./schema.js";

/** What repositories take: the database or a transaction (a `Transaction<Database>` is a `Kysely<Database>`). */
export type Executor = Kysely<Database>;
export * from "./repositories/index.js";
