/**
 * Command-line parsing on node's `util.parseArgs`: one option table for every command, then a check that a
 * command got only the options it knows. Numbers are checked to be integers here; ranges are the input
 * schemas' business.
 */
import { parseArgs } from "node:util";

const OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  servings: { type: "string" },
  diet: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  cuisine: { type: "string" },
  "max-minutes": { type: "string" },
  save: { type: "boolean" },
  tag: { type: "string", multiple: true },
  count: { type: "string" },
  conversation: { type: "string" },
  q: { type: "string" },
  sort: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
} as const;

export type OptionName = keyof typeof OPTIONS;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** Bad command-line use: exit code 2 with the message and a pointer to `--help`. */
export class UsageError extends Error {}

export interface ParsedArgs {
  help: boolean;
  json: boolean;
  positionals: string[];
  values: Values;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { help: values.help ?? false, json: values.json ?? false, positionals, values };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The arguments of one command, read with the checks every command needs. */
export class CommandArgs {
  constructor(
    readonly command: string,
    private readonly parsed: ParsedArgs,
    allowed: readonly OptionName[],
    /** The positionals after the command's own words. */
    readonly rest: readonly string[],
  ) {
    const known = new Set<string>(["json", "help", ...allowed]);
    for (const name of Object.keys(parsed.values)) {
      if (!known.has(name)) throw new UsageError(`${command} does not take --${name}`);
    }
  }

  /** The remaining positionals joined with spaces (a dish, a message); required. */
  text(what: string): string {
    if (this.rest.length === 0) throw new UsageError(`${this.command} needs ${what}`);
    return this.rest.join(" ");
  }

  /** The remaining positionals one by one (ingredients); at least one. */
  list(what: string): string[] {
    if (this.rest.length === 0) throw new UsageError(`${this.command} needs ${what}`);
    return [...this.rest];
  }

  /** Exactly one positional (an id). */
  one(what: string): string {
    const [value, ...extra] = this.rest;
    if (value === undefined) throw new UsageError(`${this.command} needs ${what}`);
    if (extra.length > 0) throw new UsageError(`${this.command} takes one ${what}, not ${this.rest.length}`);
    return value;
  }

  none(): void {
    if (this.rest.length > 0) throw new UsageError(`${this.command} takes no arguments (got "${this.rest.join(" ")}")`);
  }

  string(name: "cuisine" | "conversation" | "q" | "sort" | "cursor"): string | undefined {
    return this.parsed.values[name];
  }

  strings(name: "diet" | "exclude" | "tag"): string[] | undefined {
    return this.parsed.values[name];
  }

  flag(name: "save"): boolean {
    return this.parsed.values[name] ?? false;
  }

  int(name: "servings" | "max-minutes" | "count" | "limit"): number | undefined {
    const raw = this.parsed.values[name];
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, not "${raw}"`);
    return Number(raw);
  }
}
