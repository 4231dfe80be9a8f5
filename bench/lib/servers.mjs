// Starts benchmark servers as child processes pinned to one core, and stops them.
import { spawn, spawnSync } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const hasTaskset = spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;

/** Pins this process (all threads) to the given cores, e.g. "1" or "1-3". */
export function pinSelf(cores) {
  if (!hasTaskset) return false;
  return spawnSync("taskset", ["-a", "-p", "-c", cores, String(process.pid)], { stdio: "ignore" }).status === 0;
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `node <script>` on core `core` (when taskset exists) with PORT set, its output going to a log file in
 * `logDir` (a server writing logs pays for them, as in production), and waits until `readyPath` answers.
 */
export async function startServer({ name, script, env = {}, readyPath = "/", core = "0", logDir }) {
  const port = await freePort();
  const log = openSync(join(logDir, `${name}.log`), "w");
  // BENCH_NODE_ARGS passes flags to the servers' node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const command = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", core, process.execPath, ...nodeArgs, script] : [...nodeArgs, script];
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  // A server migrating an embedded database on a busy machine can take a while: BENCH_READY_SECONDS.
  const readySeconds = Number(process.env.BENCH_READY_SECONDS ?? 180);
  const deadline = Date.now() + readySeconds * 1000;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 100))]);
    if (code !== undefined) throw new Error(`${name} exited with ${code} before it was ready (see ${name}.log)`);
    const ok = await fetch(url + readyPath).then((r) => r.status < 500, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} not ready after ${readySeconds} s`);
    }
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
