import type { AiError } from "../errors.js";
import type { AiLogger } from "../gemini/config.js";
import type { CallScope } from "./call-scope.js";

/** How a provider retries; both providers' resolved configs fit it. */
export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  logger: AiLogger;
}

/** What one failed attempt means, as a provider's `classify` reports it. */
export interface AttemptFailure {
  failure: AiError;
  retryable: boolean;
  /** The server's requested wait (Retry-After, RetryInfo), when it gave one. */
  retryAfterMs: number | undefined;
}

/**
 * Runs one upstream request with Sous's retry policy (each SDK's own retries are switched off): at most
 * `maxAttempts` attempts, only for retryable failures, waiting max(full-jitter exponential backoff, the
 * server's requested delay) between them. A wait that would end past the call's deadline is not started: the
 * last failure is reported at once, with the server's delay in `retryAfterSeconds`. Errors leave as AiError.
 * `H` is whatever per-attempt state the provider's classifier needs (e.g. headers the SDK dropped).
 */
export async function withRetries<T, H>(
  scope: CallScope,
  policy: RetryPolicy,
  labels: { provider: string; task: string },
  run: { hints: () => H; attempt: (hints: H) => Promise<T>; classify: (error: unknown, hints: H) => AttemptFailure },
): Promise<T> {
  scope.throwIfEnded();
  for (let number = 1; ; number++) {
    const hints = run.hints();
    try {
      return await run.attempt(hints);
    } catch (error) {
      const { failure, retryable, retryAfterMs } = run.classify(error, hints);
      const fields = { task: labels.task, attempt: number, kind: failure.kind };
      if (!retryable) throw failure;
      if (number >= policy.maxAttempts) {
        policy.logger.warn(fields, `${labels.provider} retries exhausted`);
        throw failure;
      }
      const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (number - 1));
      const waitMs = Math.max(Math.random() * ceiling, retryAfterMs ?? 0);
      if (waitMs >= scope.remainingMs()) {
        policy.logger.warn({ ...fields, waitMs }, `${labels.provider} retry would pass the deadline; giving up`);
        throw failure;
      }
      policy.logger.warn({ ...fields, waitMs: Math.round(waitMs) }, `${labels.provider} call failed; retrying`);
      await scope.sleep(waitMs);
    }
  }
}
