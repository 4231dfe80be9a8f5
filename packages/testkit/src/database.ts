import { randomBytes } from "node:crypto";
import { createDb, migrateToLatest, openPglite, pgliteHandle } from "@sous/db";
import type { DbHandle } from "@sous/db";
import pg from "pg";

// Database fixtures: each `create()` hands out a fresh, fully migrated database that the caller closes.
// PGlite always; Postgres too when TEST_DATABASE_URL names a server (a throwaway database per call).

export interface DatabaseTarget {
  name: "pglite" | "postgres";
  create(): Promise<DbHandle>;
}

let warned = false;

export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: "pglite", create: createPgliteDatabase }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    targets.push({ name: "postgres", create: () => createPostgresDatabase(url) });
  } else if (!warned) {
    warned = true;
    console.warn("TEST_DATABASE_URL not set: Postgres tests skipped on this run");
  }
  return targets;
}

// Migrating PGlite takes a while; loading a dump of an already migrated one takes a few hundred ms at most.
let template: Promise<Blob> | undefined;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await openPglite({});
    const handle = pgliteHandle(pglite);
    try {
      await migrateToLatest(handle.db);
      return await pglite.dumpDataDir("none");
    } finally {
      await handle.close();
    }
  })();
  return template;
}

async function createPgliteDatabase(): Promise<DbHandle> {
  return pgliteHandle(await openPglite({ loadDataDir: await migratedTemplate() }));
}

async function createPostgresDatabase(serverUrl: string): Promise<DbHandle> {
  const name = `sous_test_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), poolMax: 5 });
  const drop = async () => {
    await handle.close();
    await admin(serverUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await drop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return { ...handle, close: () => (closing ??= drop()) };
}

/** Runs one statement on the server's own database (CREATE/DROP DATABASE cannot run inside the target). */
async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * An empty throwaway database on the server `serverUrl` names, for Sous processes that migrate it themselves
 * (several replicas sharing one database). `drop()` removes it, cutting any connection still open.
 */
export async function createThrowawayPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sous_test_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(serverUrl, `drop database if exists ${name} with (force)`) };
}
