import { TRPCClientError } from "@trpc/client";

/** What the app needs to show about a failed call, whatever the procedure. */
export interface Problem {
  code: string;
  message: string;
  /** Seconds until a retry may succeed (429). */
  retryAfterSeconds?: number;
  /** Per-field messages when the input failed validation. */
  fieldErrors?: Record<string, string[]>;
  /** Quote it when asking for help: the server logs it. */
  requestId?: string;
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  requestId?: unknown;
  retryAfterSeconds?: unknown;
  zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null;
}

const SERVER_TROUBLE = "Sous is having trouble right now. Please try again in a moment.";

/** Turns anything a call may throw into a Problem with a message fit for a person. */
export function toProblem(error: unknown): Problem {
  if (!(error instanceof TRPCClientError)) {
    return { code: "CLIENT_ERROR", message: error instanceof Error ? error.message : "Something went wrong." };
  }
  const data = (error.data ?? undefined) as ErrorData | undefined;
  if (!data || typeof data.code !== "string") {
    // No tRPC error body: the request never got an answer (offline, server down, proxy error).
    return { code: "NETWORK_ERROR", message: "Can't reach Sous. Check your connection and try again." };
  }
  const problem: Problem = { code: data.code, message: error.message || "Something went wrong." };
  if (typeof data.requestId === "string") problem.requestId = data.requestId;
  if (typeof data.retryAfterSeconds === "number") problem.retryAfterSeconds = Math.max(1, Math.ceil(data.retryAfterSeconds));
  const zodError = data.zodError;
  if (zodError) {
    const fields = Object.entries(zodError.fieldErrors ?? {}).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0,
    );
    if (fields.length > 0) problem.fieldErrors = Object.fromEntries(fields);
    const general = zodError.formErrors ?? [];
    problem.message = ["Some of the values are not accepted.", ...general].join(" ");
  }
  if (typeof data.httpStatus === "number" && data.httpStatus >= 500) problem.message = SERVER_TROUBLE;
  if (data.code === "TOO_MANY_REQUESTS" && !error.message) problem.message = "Too many requests.";
  return problem;
}
