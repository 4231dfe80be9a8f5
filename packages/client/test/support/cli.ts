/** Runs the `sous` CLI as a real child process (its TypeScript source through tsx) and captures its output. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runSous(args: readonly string[], env: { SOUS_URL?: string; SOUS_TOKEN?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=@sous/source", "--import", "tsx", "src/cli.ts", ...args], {
      cwd: PACKAGE_DIR,
      // Only what the CLI reads, plus PATH: nothing from the test runner's environment leaks in.
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
