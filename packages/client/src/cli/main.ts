/**
 * The CLI's glue: parse the command line, build a client from the environment, run the command, print its
 * output (JSON or text) and return the exit code. cli.ts is the process entry that calls this.
 */
import { createSousClient } from "../client.js";
import { parseCommandLine, UsageError } from "./args.js";
import { resolveCommand } from "./commands.js";
import type { CliEnv } from "./env.js";
import { describeFailure, EXIT } from "./failures.js";
import { USAGE } from "./usage.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export async function runCli(argv: readonly string[], env: CliEnv, io: CliIo): Promise<number> {
  const context = { url: env.url, hasToken: env.token !== undefined };
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    const { command, args } = resolveCommand(parsed);
    if (!URL.canParse(env.url)) throw new UsageError(`SOUS_URL is not a URL: "${env.url}"`);
    const client = createSousClient({ url: env.url, token: env.token });
    const output = await command.run(args, client);
    io.stdout(parsed.json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
    return EXIT.ok;
  } catch (error) {
    const failure = describeFailure(error, context);
    io.stderr(`sous: ${failure.message}\n`);
    return failure.exitCode;
  }
}
