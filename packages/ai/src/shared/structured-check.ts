import type { z } from "zod";

/**
 * Validation of a structured answer, the same for every provider: whether the answer is whole (from the
 * provider's finish reason), whether it parses as JSON, and whether it fits the zod schema. Problems are
 * phrased for the model, since they go into the one repair call.
 */
export type Completion = "complete" | "truncated" | "failed";

export type Checked<T> = { ok: true; value: T } | { ok: false; text: string; problems: string[] };

/**
 * `prepare` runs on the parsed JSON before validation: it fixes what is usable as it is (schema/tidy-recipe.ts)
 * and may throw (a provider's refusal for a model's own not-a-dish answer).
 */
export function check<T>(
  text: string,
  completion: Completion,
  schema: z.ZodType<T>,
  prepare?: (json: unknown) => unknown,
): Checked<T> {
  if (completion === "truncated") {
    return { ok: false, text, problems: ["The answer was cut off before it was complete (output token limit)."] };
  }
  if (completion === "failed") return { ok: false, text, problems: ["The answer ended abnormally."] };
  let json: unknown;
  try {
    json = JSON.parse(stripFence(text));
  } catch (error) {
    return { ok: false, text, problems: [`The answer is not valid JSON (${(error as Error).message}).`] };
  }
  const parsed = schema.safeParse(prepare ? prepare(json) : json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return { ok: false, text, problems };
}

/** JSON mode never fences its answer, but a compatible server (or a small local model) might. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return match ? match[1]! : text;
}

