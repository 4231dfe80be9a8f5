/**
 * The CLI's commands: each reads its arguments, checks the input against the same schema the server uses
 * (so a mistake is reported before any request), calls Sous and returns what to print.
 */
import {
  ChatSendInput,
  FromIngredientsInput,
  GenerateRecipeInput,
  IdInput,
  SavedByIdInput,
  SavedListInput,
} from "@sous/schemas";
import type { SousClient } from "../client.js";
import { CommandArgs, UsageError, type OptionName, type ParsedArgs } from "./args.js";
import { InputError } from "./failures.js";
import { formatChat, formatGenerated, formatSaved, formatSavedPage, formatSuggestions, formatUser } from "./format.js";

/** What a command prints: `json` with `--json`, `text` otherwise. */
export interface Output {
  json: unknown;
  text: string;
}

interface Command {
  options: readonly OptionName[];
  run(args: CommandArgs, client: SousClient): Promise<Output>;
}

/** The part of a zod schema `checked` uses (zod itself is @sous/schemas' dependency, not the client's). */
interface InputSchema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Parses with a shared input schema; a failure lists the schema's complaints per field. */
function checked<T>(schema: InputSchema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw InputError.fromIssues(result.error.issues);
}

const COMMANDS: Record<string, Command> = {
  generate: {
    options: ["servings", "diet", "exclude", "cuisine", "max-minutes", "save", "tag"],
    async run(args, client) {
      const input = checked(GenerateRecipeInput, {
        dish: args.text("a dish"),
        servings: args.int("servings"),
        diets: args.strings("diet"),
        exclude: args.strings("exclude"),
        cuisine: args.string("cuisine"),
        maxMinutes: args.int("max-minutes"),
      });
      const tags = args.strings("tag");
      if (tags && !args.flag("save")) throw new UsageError("--tag goes with --save");
      const result = await client.recipe.generate.mutate(input);
      if (!args.flag("save")) return { json: result, text: formatGenerated(result) };
      const saved = await client.saved.create.mutate({ recipe: result.recipe, ...(tags ? { tags } : {}) });
      return { json: { ...result, saved }, text: formatGenerated(result, saved) };
    },
  },

  "from-ingredients": {
    options: ["count", "diet", "exclude", "max-minutes"],
    async run(args, client) {
      const input = checked(FromIngredientsInput, {
        ingredients: args.list("at least one ingredient"),
        count: args.int("count"),
        diets: args.strings("diet"),
        exclude: args.strings("exclude"),
        maxMinutes: args.int("max-minutes"),
      });
      const result = await client.recipe.fromIngredients.mutate(input);
      return { json: result, text: formatSuggestions(result) };
    },
  },

  chat: {
    options: ["conversation"],
    async run(args, client) {
      const input = checked(ChatSendInput, { message: args.text("a message"), conversationId: args.string("conversation") });
      const result = await client.chat.send.mutate(input);
      return { json: result, text: formatChat(result) };
    },
  },

  "saved list": {
    options: ["q", "tag", "sort", "limit", "cursor"],
    async run(args, client) {
      args.none();
      const tags = args.strings("tag");
      if (tags && tags.length > 1) throw new UsageError("saved list takes one --tag");
      const input = checked(SavedListInput, {
        q: args.string("q"),
        tag: tags?.[0],
        sort: args.string("sort"),
        limit: args.int("limit"),
        cursor: args.string("cursor"),
      });
      const page = await client.saved.list.query(input);
      return { json: page, text: formatSavedPage(page) };
    },
  },

  "saved show": {
    options: ["servings"],
    async run(args, client) {
      const input = checked(SavedByIdInput, { id: args.one("recipe id"), servings: args.int("servings") });
      const saved = await client.saved.byId.query(input);
      return { json: saved, text: formatSaved(saved) };
    },
  },

  "saved delete": {
    options: [],
    async run(args, client) {
      const input = checked(IdInput, { id: args.one("recipe id") });
      const result = await client.saved.delete.mutate(input);
      return { json: result, text: `Deleted ${result.id}` };
    },
  },

  whoami: {
    options: [],
    async run(args, client) {
      args.none();
      const user = await client.auth.me.query();
      return { json: user, text: formatUser(user) };
    },
  },
};

/** Finds the command named by the leading positionals ("saved list" takes two words) and binds its arguments. */
export function resolveCommand(parsed: ParsedArgs): { command: Command; args: CommandArgs } {
  const [first, second, ...rest] = parsed.positionals;
  if (first === undefined) throw new UsageError("no command given");
  if (first === "saved") {
    const name = `saved ${second ?? ""}`;
    const command = COMMANDS[name];
    if (!command) throw new UsageError(second ? `unknown command "${name}"` : "saved needs list, show or delete");
    return { command, args: new CommandArgs(name, parsed, command.options, rest) };
  }
  const command = COMMANDS[first];
  if (!command) throw new UsageError(`unknown command "${first}"`);
  return { command, args: new CommandArgs(first, parsed, command.options, parsed.positionals.slice(1)) };
}
