import { sql } from "kysely";
import type { Kysely } from "kysely";

// Every table of schema.ts. Plain SQL that runs on Postgres 15+ and on PGlite. Keys are UUIDs made by the
// database; every foreign key cascades and is indexed (a composite index that leads with it counts); lists
// have an index matching their sort so a page is an index range scan.

const timestamps = sql`
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      provider text not null,
      subject text not null,
      email text not null,
      name text,
      picture text,
      role text not null default 'user' check (role in ('user', 'admin')),
      ${timestamps},
      unique (provider, subject)
    )`.execute(db);
  await sql`create index users_created_at_idx on users (created_at desc, id desc)`.execute(db);

  await sql`
    create table session_families (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_reason text
    )`.execute(db);
  await sql`create index session_families_user_id_idx on session_families (user_id)`.execute(db);

  await sql`
    create table refresh_tokens (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references session_families (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      idle_expires_at timestamptz not null,
      rotated_at timestamptz
    )`.execute(db);
  await sql`create index refresh_tokens_family_id_idx on refresh_tokens (family_id)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user_id_idx on api_tokens (user_id, created_at desc, id desc)`.execute(db);

  await createSavedRecipes(db);

  await sql`
    create table conversations (
      id uuid primary key default gen_random_uuid(),
      user_id uuid references users (id) on delete cascade,
      title text not null,
      ${timestamps},
      expires_at timestamptz
    )`.execute(db);
  await sql`create index conversations_user_id_idx on conversations (user_id, updated_at desc, id desc)`.execute(db);
  // Only anonymous conversations expire; the purge job scans this small partial index.
  await sql`create index conversations_expires_at_idx on conversations (expires_at) where expires_at is not null`.execute(
    db,
  );

  await sql`
    create table messages (
      id uuid primary key default gen_random_uuid(),
      conversation_id uuid not null references conversations (id) on delete cascade,
      role text not null check (role in ('user', 'assistant')),
      content text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index messages_conversation_id_idx on messages (conversation_id, created_at, id)`.execute(db);

  await sql`
    create table ai_usage (
      subject text not null,
      day date not null,
      calls integer not null default 0,
      input_tokens bigint not null default 0,
      output_tokens bigint not null default 0,
      primary key (subject, day)
    )`.execute(db);
}

async function createSavedRecipes(db: Kysely<unknown>): Promise<void> {
  // `search` is kept by the database itself (a stored generated column, so no trigger and no code path can
  // forget it): title weighs most, then ingredient names (string values of recipe.ingredients[*].name), then
  // the cook's notes. Every function used is immutable, which a generated column requires.
  await sql`
    create table saved_recipes (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      title text not null,
      recipe jsonb not null,
      tags text[] not null default '{}',
      notes text not null default '',
      rating smallint check (rating between 1 and 5),
      idempotency_key text,
      ${timestamps},
      search tsvector not null generated always as (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(jsonb_to_tsvector('english', jsonb_path_query_array(recipe, '$.ingredients[*].name'), '["string"]'), 'B') ||
        setweight(to_tsvector('english', notes), 'C')
      ) stored,
      unique (user_id, idempotency_key)
    )`.execute(db);
  await sql`create index saved_recipes_newest_idx on saved_recipes (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index saved_recipes_title_idx on saved_recipes (user_id, lower(title), id)`.execute(db);
  await sql`create index saved_recipes_search_idx on saved_recipes using gin (search)`.execute(db);
  await sql`create index saved_recipes_tags_idx on saved_recipes using gin (tags)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "ai_usage",
    "messages",
    "conversations",
    "saved_recipes",
    "api_tokens",
    "refresh_tokens",
    "session_families",
    "users",
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
