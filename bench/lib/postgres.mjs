// The Postgres server of the saved.list scenarios.
//
// BENCH_DATABASE_URL names one to use. Otherwise, where Debian's Postgres 15 binaries exist, the bench starts
// its own throwaway cluster (a free port, its own data and socket dirs, stopped at teardown), so it measures
// a server nobody else loads and can preload pg_stat_statements, which counts the time Postgres spends per
// statement. Without either, the saved.list scenarios are left out with a note.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./servers.mjs";

const BIN = "/usr/lib/postgresql/15/bin";

export async function startPostgres() {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => {} };
  if (!existsSync(join(BIN, "initdb"))) return undefined;
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "sous-bench-pg-"));
  const [data, socket] = [join(dir, "data"), join(dir, "socket")];
  // initdb and pg_ctl refuse to run as root: as root, they run as the postgres user, which then owns the dir.
  const as = (command, args) => {
    const [cmd, argv] = root ? ["runuser", ["-u", "postgres", "--", join(BIN, command), ...args]] : [join(BIN, command), args];
    const result = spawnSync(cmd, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  spawnSync("mkdir", ["-p", socket]);
  if (root) {
    const { uid, gid } = userIds("postgres");
    for (const path of [dir, socket]) chownSync(path, uid, gid);
  }
  as("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${socket}`,
    "-c listen_addresses=127.0.0.1",
    "-c shared_preload_libraries=pg_stat_statements",
    "-c pg_stat_statements.track_planning=on",
    "-c fsync=off",
    "-c max_connections=50",
  ].join(" ");
  as("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "postgres.log"), "-w", "start"]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name) {
  const read = (flag) => Number(spawnSync("id", [flag, name], { encoding: "utf8" }).stdout.trim());
  return { uid: read("-u"), gid: read("-g") };
}

/** Runs one statement on `url` over a connection of its own. */
export async function runOn(url, statement, values) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}
