#!/usr/bin/env node
/** The `sous` command: see cli/usage.ts for what it does, cli/main.ts for how. */
import { readCliEnv } from "./cli/env.js";
import { runCli } from "./cli/main.js";

process.exitCode = await runCli(process.argv.slice(2), readCliEnv(), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
