import { sql } from "kysely";
import type { Kysely } from "kysely";

// saved.list shows a few fields of each recipe. Read out of the `recipe` jsonb, every listed row's document
// was detoasted and parsed; as columns of the row, the list reads no jsonb at all.
//
// They are stored generated columns, like `search`: the database writes them on every insert and on every
// update that changes `recipe`, so no code path can leave them stale, and adding them fills existing rows.
// `stored` is spelled out: since Postgres 18 (PGlite) a generated column is virtual by default, which would
// read the jsonb again on every select. A recipe that passed the Recipe schema always has summary, servings
// and both minute counts; the fallbacks only keep rows written around the service (tests, manual fixes)
// insertable. Every function used is immutable, as a generated column requires.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table saved_recipes
      add column summary text not null generated always as (coalesce(recipe->>'summary', '')) stored,
      add column cuisine text generated always as (recipe->>'cuisine') stored,
      add column total_minutes integer not null generated always as (
        coalesce((recipe->>'prepMinutes')::integer, 0) + coalesce((recipe->>'cookMinutes')::integer, 0)
      ) stored,
      add column servings integer not null generated always as (coalesce((recipe->>'servings')::integer, 0)) stored
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table saved_recipes
      drop column summary,
      drop column cuisine,
      drop column total_minutes,
      drop column servings`.execute(db);
}
