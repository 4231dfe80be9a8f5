/**
 * Decorators that report what the AI and limit ports do to the Metrics port, without the ports or services
 * knowing: createServices wraps the ports it is given. The LLM decorator also opens the upstream call's
 * OpenTelemetry span (a child of the procedure's span; a no-op while tracing is off) with the provider,
 * model, operation and token counts — never prompt text or user data.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import type { PromptGuard } from "../ai/prompt-guard.js";
import type { AiQuota } from "../ai/quota.js";
import { QuotaExceededError, RateLimitedError } from "../errors.js";
import type { AnswerCache } from "../ports/cache.js";
import type { RequestLimiter } from "../ports/limiter.js";
import { isLlmFailure, type LlmProvider, type LlmUsage } from "../ports/llm.js";
import type { Metrics } from "../ports/metrics.js";

const tracer = trace.getTracer("@sous/core");

/**
 * `target` with some methods replaced. Methods a port gains later (another slice adds one) still reach the
 * original through the prototype chain instead of vanishing from the decorated port.
 */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return Object.assign(Object.create(target) as T, overrides);
}

export function instrumentedLimiter(limiter: RequestLimiter, metrics: Metrics): RequestLimiter {
  return overriding(limiter, {
    async consume(key, points) {
      try {
        await limiter.consume(key, points);
      } catch (error) {
        if (error instanceof RateLimitedError) metrics.rateLimitRefused();
        throw error;
      }
    },
  });
}

export function instrumentedQuota(quota: AiQuota, metrics: Metrics): AiQuota {
  return overriding(quota, {
    async acquire(subject) {
      try {
        return await quota.acquire(subject);
      } catch (error) {
        if (error instanceof QuotaExceededError) metrics.quotaRefused("daily");
        else if (error instanceof RateLimitedError) metrics.quotaRefused("concurrency");
        throw error;
      }
    },
  });
}

export function instrumentedGuard(guard: PromptGuard, metrics: Metrics): PromptGuard {
  return overriding(guard, {
    check(text, kind, meta) {
      const result = guard.check(text, kind, meta);
      if (!result.ok) metrics.guardRefused(result.reason);
      return result;
    },
  });
}

export function instrumentedCache(cache: AnswerCache, metrics: Metrics): AnswerCache {
  return overriding(cache, {
    async getOrCompute<T>(key: string, ttlSeconds: number, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) {
      let computed = false;
      const result = await cache.getOrCompute(
        key,
        ttlSeconds,
        (computeSignal) => {
          computed = true;
          return compute(computeSignal);
        },
        signal,
      );
      metrics.cacheLookup(computed ? "miss" : result.joined ? "joined" : "hit");
      return result;
    },
  });
}

/** Counts and traces each upstream call of the provider; streams are one call from first pull to last event. */
export function instrumentedProvider(provider: LlmProvider, metrics: Metrics): LlmProvider {
  const labels = { provider: provider.source };
  const begin = (operation: string) => {
    const span = tracer.startSpan(`llm ${operation}`, {
      kind: SpanKind.CLIENT,
      attributes: { "gen_ai.system": provider.source, "gen_ai.request.model": provider.model, "gen_ai.operation.name": operation },
    });
    const started = performance.now();
    let ended = false;
    return {
      usage(usage: LlmUsage | undefined) {
        if (!usage) return;
        metrics.aiTokens(labels, usage);
        span.setAttributes({ "gen_ai.usage.input_tokens": usage.inputTokens, "gen_ai.usage.output_tokens": usage.outputTokens });
      },
      end(error?: unknown) {
        if (ended) return;
        ended = true;
        metrics.aiUpstreamCall({ ...labels, operation }, (performance.now() - started) / 1000);
        if (error !== undefined) failed(span, error);
        span.end();
      },
      span,
    };
  };
  const failed = (span: Span, error: unknown) => {
    const kind = isLlmFailure(error) ? error.kind : "other";
    metrics.aiFailure({ ...labels, kind });
    // The kind only: an error's message may quote the prompt.
    span.setAttribute("sous.failure_kind", kind);
    span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
  };
  async function call<T extends { usage?: LlmUsage | undefined }>(operation: string, run: () => Promise<T>): Promise<T> {
    const flight = begin(operation);
    try {
      // Active while it runs, so the HTTP call under it (undici) nests in this span.
      const answer = await context.with(trace.setSpan(context.active(), flight.span), run);
      flight.usage(answer.usage);
      flight.end();
      return answer;
    } catch (error) {
      flight.end(error);
      throw error;
    }
  }
  async function* stream<E extends { type: string; usage?: LlmUsage | undefined }>(
    operation: string,
    open: () => AsyncIterable<E>,
  ): AsyncGenerator<E> {
    const flight = begin(operation);
    try {
      for await (const event of open()) {
        if (event.type === "final" || event.type === "done") flight.usage(event.usage);
        yield event;
      }
      flight.end();
    } catch (error) {
      flight.end(error);
      throw error;
    } finally {
      // The consumer stopped early (client went away): the call still ended.
      flight.end();
    }
  }
  return overriding(provider, {
    generateRecipe: (input, options) => call("generate_recipe", () => provider.generateRecipe(input, options)),
    suggest: (input, options) => call("suggest", () => provider.suggest(input, options)),
    streamRecipe: (input, options) => stream("stream_recipe", () => provider.streamRecipe(input, options)),
    chat: (history, options) => stream("chat", () => provider.chat(history, options)),
  });
}
