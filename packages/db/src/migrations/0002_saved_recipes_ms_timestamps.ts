import { sql } from "kysely";
import type { Kysely } from "kysely";

// Saved recipes are paged by keyset on (created_at, id), and the cursor carries created_at through a JS Date,
// which holds milliseconds. Postgres keeps microseconds by default: a cursor of 12:00:00.123 would sit before
// a row stamped 12:00:00.123456 and repeat it on the next page. Storing milliseconds makes the cursor exact
// whoever writes the row. The sort indexes are rebuilt by the type change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table saved_recipes
      alter column created_at type timestamptz(3),
      alter column updated_at type timestamptz(3)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table saved_recipes
      alter column created_at type timestamptz,
      alter column updated_at type timestamptz`.execute(db);
}
