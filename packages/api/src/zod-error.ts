/**
 * A zod validation failure as a client sees it, bounded: the error of an input with a million unknown keys or
 * a thousand bad items must not answer with megabytes. Issues, unknown keys, path segments and messages are
 * each capped; the answer says how many issues there were in all.
 */
import { z, type ZodError } from "zod";

export const ZOD_ERROR_LIMITS = { issues: 20, keys: 10, text: 200 } as const;

type Issue = ZodError["issues"][number];

const clip = (text: string) => (text.length > ZOD_ERROR_LIMITS.text ? `${text.slice(0, ZOD_ERROR_LIMITS.text)}…` : text);

function boundedIssue(issue: Issue): Issue {
  const path = issue.path.map((segment) => (typeof segment === "string" ? clip(segment) : segment));
  if (issue.code === "unrecognized_keys") {
    const shown = issue.keys.slice(0, ZOD_ERROR_LIMITS.keys).map(clip);
    const more = issue.keys.length - shown.length;
    const message = `Unrecognized keys: ${shown.map((key) => JSON.stringify(key)).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
    return { ...issue, path, keys: shown, message };
  }
  return { ...issue, path, message: clip(issue.message) } as Issue;
}

/** The message and `data.zodError` of a BAD_REQUEST answer for `error`. */
export function boundedZodError(error: ZodError): { message: string; zodError: ReturnType<typeof z.flattenError> } {
  const issues = error.issues.slice(0, ZOD_ERROR_LIMITS.issues).map(boundedIssue);
  const total = error.issues.length;
  const first = issues[0]?.message ?? "Invalid input";
  const message = total > 1 ? `${first} (and ${total - 1} more issue${total > 2 ? "s" : ""})` : first;
  // Only the shown issues, rebuilt through zod's own flattening so the shape stays z.flattenError's.
  return { message, zodError: z.flattenError(new z.ZodError(issues)) };
}
