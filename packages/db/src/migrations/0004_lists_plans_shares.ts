import { sql } from "kysely";
import type { Kysely } from "kysely";

// Share links, the shopping list and the meal plan. Every row belongs to a user and cascades with them; a
// share link and a plan entry also cascade with their saved recipe, so deleting the recipe ends both.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One live link per saved recipe. Only the SHA-256 of the token is stored, as for API tokens: a database
  // dump cannot be turned into working links. Sharing again issues a new token and ends the old link.
  await sql`
    create table recipe_shares (
      saved_id uuid primary key references saved_recipes (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index recipe_shares_user_id_idx on recipe_shares (user_id)`.execute(db);

  // `sources` is [{ savedId?, title }]: which recipes (or free additions) a line came from. Lines are
  // shown in the order they were first added.
  await sql`
    create table shopping_items (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      quantity double precision,
      unit text,
      checked boolean not null default false,
      sources jsonb not null default '[]',
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index shopping_items_user_id_idx on shopping_items (user_id, created_at, id)`.execute(db);

  // A recipe once per day and meal; `servings` null means the recipe's own.
  await sql`
    create table plan_entries (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      saved_id uuid not null references saved_recipes (id) on delete cascade,
      day date not null,
      meal text not null check (meal in ('breakfast', 'lunch', 'dinner')),
      servings smallint check (servings between 1 and 48),
      created_at timestamptz(3) not null default now(),
      unique (user_id, day, meal, saved_id)
    )`.execute(db);
  await sql`create index plan_entries_saved_id_idx on plan_entries (saved_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["plan_entries", "shopping_items", "recipe_shares"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
