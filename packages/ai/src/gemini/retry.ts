import type { CallScope } from "./call-scope.js";
import type { ResolvedGeminiConfig } from "./config.js";
import { type AttemptHints, classify } from "./failures.js";

/**
 * Runs one upstream request with our retry policy (the SDK's own retries are switched off in client.ts):
 * at most `maxAttempts` attempts, only for retryable failures (see failures.ts), waiting
 * max(full-jitter exponential backoff, the server's requested delay) between them. A wait that would end past
 * the call's deadline is not started: the last failure is reported at once, with the server's delay in
 * `retryAfterSeconds`. Errors leave as AiError.
 */
export async function withRetries<T>(
  scope: CallScope,
  config: ResolvedGeminiConfig,
  task: string,
  attempt: (hints: AttemptHints) => Promise<T>,
): Promise<T> {
  scope.throwIfEnded();
  for (let number = 1; ; number++) {
    const hints: AttemptHints = {};
    try {
      return await attempt(hints);
    } catch (error) {
      const { failure, retryable, retryAfterMs } = classify(error, scope, hints);
      const fields = { task, attempt: number, kind: failure.kind };
      if (!retryable) throw failure;
      if (number >= config.maxAttempts) {
        config.logger.warn(fields, "gemini retries exhausted");
        throw failure;
      }
      const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** (number - 1));
      const waitMs = Math.max(Math.random() * ceiling, retryAfterMs ?? 0);
      if (waitMs >= scope.remainingMs()) {
        config.logger.warn({ ...fields, waitMs }, "gemini retry would pass the deadline; giving up");
        throw failure;
      }
      config.logger.warn({ ...fields, waitMs: Math.round(waitMs) }, "gemini call failed; retrying");
      await scope.sleep(waitMs);
    }
  }
}
