/**
 * Turns whatever a command threw into a message for stderr and an exit code. Exit codes are part of the
 * CLI's interface (scripts branch on them): 2 usage, 3 auth, 4 not found, 5 rate limited, 6 input refused,
 * 1 anything else, including an unreachable server.
 */
import { TRPCClientError } from "@trpc/client";
import { UsageError } from "./args.js";

export const EXIT = { ok: 0, other: 1, usage: 2, auth: 3, notFound: 4, rateLimited: 5, badInput: 6 } as const;

export interface Failure {
  exitCode: number;
  message: string;
}

/** Input refused before it was sent, with the schema's complaints per field. */
export class InputError extends Error {
  constructor(readonly fieldErrors: readonly string[]) {
    super("invalid input");
  }

  static fromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): InputError {
    return new InputError(issues.map((issue) => field(issue.path.map(String).join("."), issue.message)));
  }
}

/** The `data` Sous's error formatter adds to every error (see packages/api/src/trpc.ts). */
interface ErrorData {
  code?: string;
  requestId?: string | null;
  retryAfterSeconds?: number | null;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
}

export function describeFailure(error: unknown, context: { url: string; hasToken: boolean }): Failure {
  if (error instanceof UsageError) return { exitCode: EXIT.usage, message: `${error.message}\nRun "sous --help" for usage.` };
  if (error instanceof InputError) return badInput(error.fieldErrors);
  if (!(error instanceof TRPCClientError)) {
    return { exitCode: EXIT.other, message: error instanceof Error ? error.message : String(error) };
  }
  const data = (error.data ?? undefined) as ErrorData | undefined;
  if (data?.code === undefined) return transportFailure(error, context.url);

  const ref = data.requestId ? ` (request ${data.requestId})` : "";
  switch (data.code) {
    case "UNAUTHORIZED":
      return {
        exitCode: EXIT.auth,
        message: context.hasToken
          ? "SOUS_TOKEN was refused (invalid, expired or revoked): set SOUS_TOKEN to a valid API token."
          : "Not signed in: set SOUS_TOKEN to an API token (create one with auth.apiTokens.create).",
      };
    case "FORBIDDEN":
      return { exitCode: EXIT.auth, message: `Not allowed: ${error.message}. Check the account behind SOUS_TOKEN.` };
    case "NOT_FOUND":
      return { exitCode: EXIT.notFound, message: `Not found: ${error.message}` };
    case "TOO_MANY_REQUESTS": {
      const wait = data.retryAfterSeconds ? ` Retry after ${data.retryAfterSeconds} s.` : "";
      return { exitCode: EXIT.rateLimited, message: `Rate limited: ${error.message}.${wait}` };
    }
    case "BAD_REQUEST": {
      const zod = data.zodError;
      if (!zod) return badInput([error.message]);
      const fields = Object.entries(zod.fieldErrors).flatMap(([name, messages]) => (messages ?? []).map((m) => field(name, m)));
      return badInput([...zod.formErrors, ...fields]);
    }
    case "PAYLOAD_TOO_LARGE":
    case "UNPROCESSABLE_CONTENT":
      return badInput([error.message]);
    default:
      return { exitCode: EXIT.other, message: `Sous answered ${data.code}: ${error.message}${ref}` };
  }
}

function badInput(lines: readonly string[]): Failure {
  return { exitCode: EXIT.badInput, message: ["Input refused:", ...lines.map((line) => `  ${line}`)].join("\n") };
}

function field(name: string, message: string): string {
  return name ? `${name}: ${message}` : message;
}

/** No tRPC answer at all: the server is down or unreachable, or something else answered. */
function transportFailure(error: Error, url: string): Failure {
  const reason = rootCause(error);
  if (error.cause instanceof TypeError || reason.code !== undefined) {
    return { exitCode: EXIT.other, message: `Cannot reach SOUS_URL (${url}): ${reason.code ?? reason.message}` };
  }
  return { exitCode: EXIT.other, message: `Unexpected answer from SOUS_URL (${url}): ${error.message}` };
}

function rootCause(error: Error): { message: string; code?: string } {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  const code = (current as { code?: unknown } | null)?.code;
  return {
    message: current instanceof Error ? current.message : String(current),
    ...(typeof code === "string" ? { code } : {}),
  };
}
