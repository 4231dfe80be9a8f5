/**
 * A Sous server as its own process: the built entry point started the way production starts it
 * (`node --import ./dist/tracing.js dist/main.js`, the image's CMD and `pnpm start`), on a free port, waited
 * for until it logs that it listens. Tests that need a separate process (traces, SIGTERM, several replicas)
 * use it; it needs `pnpm build` first (CI builds before testing).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const serverDir = new URL("../", import.meta.url).pathname;

/** The start command of the container image and of `pnpm start`, relative to apps/server. */
export const START_ARGS = ["--import", "./dist/tracing.js", "dist/main.js"];

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
}

export function requireBuild(): void {
  if (!existsSync(join(serverDir, "dist/main.js")) || !existsSync(join(serverDir, "dist/tracing.js"))) {
    throw new Error("apps/server/dist is missing: run `pnpm build` before these tests");
  }
}

export async function spawnServer(env: Record<string, string>, args: string[] = START_ARGS): Promise<ServerProcess> {
  requireBuild();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-proc-")),
      AUTH_SECRET: "test-secret-that-is-long-enough-for-hs256",
      RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "info",
      WEB_DIST_DIR: join(tmpdir(), "sous-no-web-app"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 90_000);
    const poll = setInterval(() => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*Sous listening/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
