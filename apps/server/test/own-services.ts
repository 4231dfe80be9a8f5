/**
 * A Postgres cluster and a Redis server of a test's own, on free ports with their own directories, for fault
 * tests that stop, freeze or kill them (never the machine's shared instances). Each helper answers undefined,
 * with a console.warn saying why, when a binary it needs is missing; the suite is skipped only then.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PG_BIN = "/usr/lib/postgresql/15/bin";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OwnPostgres {
  url: string;
  /** `pg_ctl stop -m fast`: sessions are terminated, new connections refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP to the postmaster and every backend: connections are accepted by the kernel, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Stops the cluster (if running) and removes its directory. */
  destroy(): Promise<void>;
}

function missing(paths: string[], what: string): boolean {
  const absent = paths.filter((path) => !existsSync(path));
  if (absent.length > 0) console.warn(`${what}: ${absent.join(", ")} not found; suite skipped`);
  return absent.length > 0;
}

/** initdb + pg_ctl as the postgres user (they refuse root), trust auth, fsync off (a throwaway cluster). */
export async function startOwnPostgres(): Promise<OwnPostgres | undefined> {
  if (missing([`${PG_BIN}/initdb`, `${PG_BIN}/pg_ctl`, "/usr/sbin/runuser"], "own Postgres")) return undefined;
  const root = mkdtempSync(join(tmpdir(), "sous-own-pg-"));
  const { uid, gid } = await postgresIds();
  chownSync(root, uid, gid);
  const data = join(root, "data");
  const asPostgres = (command: string, args: string[]) => run("/usr/sbin/runuser", ["-u", "postgres", "--", command, ...args]);
  await asPostgres(`${PG_BIN}/initdb`, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const start = async () => {
    await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-o", options, "-l", join(root, "log"), "-w", "-t", "60", "start"]);
  };
  const stop = async () => {
    await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  };
  await start();
  const postmaster = () => Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const cluster = () => [postmaster(), ...childrenOf(postmaster())];
  let frozen: number[] = [];
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    freeze() {
      frozen = cluster();
      for (const pid of frozen) process.kill(pid, "SIGSTOP");
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
      frozen = [];
    },
    async destroy() {
      for (const pid of frozen) process.kill(pid, "SIGCONT");
      if (existsSync(join(data, "postmaster.pid"))) {
        await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Direct children of `pid` (the postmaster's backends and helpers), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the parenthesised command name: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

export interface OwnRedis {
  url: string;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis | undefined> {
  if (missing(["/usr/bin/redis-server"], "own Redis")) return undefined;
  const port = await freePort();
  const child: ChildProcess = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import("node:net");
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}
