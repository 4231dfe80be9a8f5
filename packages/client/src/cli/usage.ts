import { DIETS } from "@sous/schemas";
import { DEFAULT_URL } from "./env.js";

export const USAGE = `Usage: sous <command> [options]

Commands:
  generate <dish...>          A recipe for a dish
      [--servings N] [--diet D]... [--exclude X]... [--cuisine C] [--max-minutes N]
      [--save [--tag T]...]   also save it to your recipes (signed in; --json adds "saved")
  from-ingredients <item...>  What you can make from what you have
      [--count N] [--diet D]... [--exclude X]... [--max-minutes N]
  chat <message...>           One turn of the cooking chat [--conversation ID]
  saved list                  Your saved recipes
      [--q QUERY] [--tag T] [--sort newest|oldest|title] [--limit N] [--cursor C]
  saved show <id>             One saved recipe [--servings N] (quantities scaled)
  saved delete <id>           Delete a saved recipe
  whoami                      The signed-in user

Options:
  --json      print the result as JSON (the API's output) instead of text
  -h, --help  show this help

Diets: ${DIETS.join(", ")}

Environment:
  SOUS_URL    the Sous server (default ${DEFAULT_URL})
  SOUS_TOKEN  an API token (create one with auth.apiTokens.create); needed for saved and whoami

Exit codes: 0 ok, 1 other error or server unreachable, 2 usage, 3 not signed in or not allowed,
  4 not found, 5 rate limited, 6 input refused
`;
