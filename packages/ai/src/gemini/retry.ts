import type { CallScope } from "../shared/call-scope.js";
import { withRetries as retrying } from "../shared/retry.js";
import type { ResolvedGeminiConfig } from "./config.js";
import { type AttemptHints, classify } from "./failures.js";

/**
 * Gemini's side of the shared retry policy (shared/retry.ts): the SDK's own retries are off (client.ts), and
 * its ApiError drops headers, so each attempt gets a hints record its fetch wrapper fills with Retry-After.
 */
export function withRetries<T>(
  scope: CallScope,
  config: ResolvedGeminiConfig,
  task: string,
  attempt: (hints: AttemptHints) => Promise<T>,
): Promise<T> {
  return retrying(scope, config, { provider: "gemini", task }, {
    hints: (): AttemptHints => ({}),
    attempt,
    classify: (error, hints) => classify(error, scope, hints),
  });
}
