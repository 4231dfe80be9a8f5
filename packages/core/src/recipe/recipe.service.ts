import type {
  FromIngredientsInput,
  FromIngredientsResult,
  GenerateRecipeInput,
  GenerateRecipeResult,
  Quota,
  Recipe,
  Suggestion,
} from "@sous/schemas";
import { quotaSubject, recordUsage, type AiCaller } from "../ai/caller.js";
import { cacheKey } from "../ai/cache-key.js";
import { guardIngredientsInput, guardRecipeInput } from "../ai/guard-input.js";
import { refundsQuota, toDomainError } from "../ai/llm-errors.js";
import type { PromptGuard } from "../ai/prompt-guard.js";
import type { AiQuota } from "../ai/quota.js";
import type { UsageService } from "../ai/usage.service.js";
import { UpstreamError } from "../errors.js";
import { createStreamFlights } from "../adapters/stream-flight.js";
import type { CoreLogger } from "../logger.js";
import type { AnswerCache } from "../ports/cache.js";
import { isLlmFailure, type DeepPartial, type LlmProvider, type LlmUsage, type RecipeAnswer } from "../ports/llm.js";
import { compliantRecipe, compliantSuggestions, ensureCompliantRecipe } from "./compliance.js";

export type GenerateStreamEvent =
  | { type: "partial"; recipe: DeepPartial<Recipe> }
  | { type: "done"; result: GenerateRecipeResult };

export interface RecipeService {
  /** `signal` is the caller leaving: it stops the upstream call unless another caller shares it. */
  generate(input: GenerateRecipeInput, caller: AiCaller, signal?: AbortSignal): Promise<GenerateRecipeResult>;
  /** Partial recipes as the provider produces them, then the checked result. Stops upstream when `signal` aborts. */
  generateStream(input: GenerateRecipeInput, caller: AiCaller, signal?: AbortSignal): AsyncGenerator<GenerateStreamEvent>;
  fromIngredients(input: FromIngredientsInput, caller: AiCaller, signal?: AbortSignal): Promise<FromIngredientsResult>;
  quota(caller: AiCaller): Promise<Quota>;
}

export interface RecipeServiceDeps {
  provider: LlmProvider;
  cache: AnswerCache;
  quota: AiQuota;
  usage: UsageService;
  guard: PromptGuard;
  cacheTtlSeconds: number;
  logger: CoreLogger;
}

/** What the cache keeps: the checked answer, without the usage of the call that produced it. */
interface CachedRecipe {
  recipe: Recipe;
  warnings: string[];
}

type PartialEvent = Extract<GenerateStreamEvent, { type: "partial" }>;

/** How a shared recipe stream ended: the answer, whether it came from the cache, and what it cost (once). */
interface StreamOutcome {
  value: CachedRecipe;
  cached: boolean;
  /** The tokens the flight spent, handed to the first member that asks, so they are recorded exactly once. */
  takeUsage(): LlmUsage | undefined;
}

/**
 * Recipes from the LLM provider, in a fixed order: guard every user string (nothing goes upstream before),
 * take the caller's quota (every call counts, cache hits too; a call that fails on our or upstream's side is
 * given back; the concurrency slot is released when the call ends), answer from the
 * cache or compute once for all concurrent identical requests (single-flight), check diets and exclusions,
 * record usage. Provider failures become domain errors; a failed compute is never cached.
 *
 * A unary compute is shared with every concurrent identical caller (and the cache), so it runs on the
 * single-flight's signal, which aborts only when the last of those callers has left; a caller leaving early
 * just stops waiting.
 *
 * Streams are single-flight too (stream-flight.ts): identical concurrent streams share one upstream stream,
 * a joiner gets the partials so far and then the rest, and a plain `generate` arriving meanwhile waits for the
 * same answer. One member leaving does not stop it; the last one does. The shared stream computes through
 * `cache.getOrCompute`, so it also joins an identical plain call already in flight, and with Redis another
 * process's identical request (stream or plain) waits for its answer: across processes a joiner gets the
 * final answer, not the partials (the partials are not worth a Redis round trip each).
 */
/**
 * Runs a `cache.getOrCompute`, once more when it failed only because it had joined another compute that was
 * being cancelled: a stream abandoned by its last member stays in the cache's single-flight until its upstream
 * call has unwound, and a caller arriving in that moment must start afresh, not inherit the cancellation.
 */
async function sharedCompute<T>(own: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (own?.aborted || !isLlmFailure(error) || error.kind !== "aborted") throw error;
    return run();
  }
}

export function createRecipeService(deps: RecipeServiceDeps): RecipeService {
  const { provider, cache, quota, usage, guard, logger } = deps;
  const promptVersion = provider.promptVersion ?? "none";
  const keyOf = (kind: string, input: unknown) =>
    cacheKey({ kind, provider: provider.source, model: provider.model, promptVersion, input });

  const record = (caller: AiCaller, spent: LlmUsage | undefined) => recordUsage(usage, logger, caller, spent);
  const streams = createStreamFlights<PartialEvent, StreamOutcome>();

  /** The producer of a shared recipe stream: the provider's partials, then the checked answer, cached once. */
  const streamProducer =
    (request: GenerateRecipeInput, key: string) =>
    async (signal: AbortSignal, emit: (event: PartialEvent) => void): Promise<StreamOutcome> => {
      let spent: LlmUsage | undefined;
      // The flight is one caller of the cache's single-flight (`signal` aborts when its last member leaves);
      // the upstream call runs on the cache's shared signal, which also waits for plain callers sharing it.
      const compute = async (shared: AbortSignal): Promise<CachedRecipe> => {
        let final: RecipeAnswer | undefined;
        for await (const event of provider.streamRecipe(request, { signal: shared })) {
          if (event.type === "partial") emit({ type: "partial", recipe: event.recipe });
          else final = { recipe: event.recipe, warnings: event.warnings, usage: event.usage };
        }
        if (!final) throw new UpstreamError();
        spent = final.usage;
        const answer = await ensureCompliantRecipe(provider, request, final, shared);
        spent = answer.usage;
        return { recipe: answer.recipe, warnings: answer.warnings };
      };
      const { value, cached } = await sharedCompute(signal, () =>
        cache.getOrCompute<CachedRecipe>(key, deps.cacheTtlSeconds, compute, signal),
      );
      return {
        value,
        cached,
        takeUsage() {
          const taken = spent;
          spent = undefined;
          return taken;
        },
      };
    };

  /** Runs `work` inside the caller's quota, recording one call (and the tokens it spent) when done. */
  async function metered<T>(caller: AiCaller, work: (spend: (u: LlmUsage | undefined) => void) => Promise<T>) {
    const release = await quota.acquire(quotaSubject(caller));
    let spent: LlmUsage | undefined;
    let refund = false;
    try {
      return await work((u) => (spent = u));
    } catch (error) {
      const failure = toDomainError(error);
      refund = refundsQuota(failure);
      throw failure;
    } finally {
      release({ refund });
      await record(caller, spent);
    }
  }

  const result = (value: CachedRecipe, cached: boolean): GenerateRecipeResult => ({
    recipe: value.recipe,
    source: provider.source,
    cached,
    warnings: value.warnings,
  });

  return {
    async generate(input, caller, signal) {
      const request = guardRecipeInput(guard, input, caller);
      return metered(caller, async (spend) => {
        const key = keyOf("recipe", request);
        // An identical stream is in flight: its answer is this one too.
        const streaming = streams.wait(key, signal);
        if (streaming) {
          const outcome = await streaming;
          spend(outcome.takeUsage());
          return result(structuredClone(outcome.value), true);
        }
        const { value, cached } = await sharedCompute(signal, () =>
          cache.getOrCompute<CachedRecipe>(
            key,
            deps.cacheTtlSeconds,
            async (shared) => {
              const answer = await compliantRecipe(provider, request, shared);
              spend(answer.usage);
              return { recipe: answer.recipe, warnings: answer.warnings };
            },
            signal,
          ),
        );
        return result(value, cached);
      });
    },

    async *generateStream(input, caller, signal) {
      const request = guardRecipeInput(guard, input, caller);
      const release = await quota.acquire(quotaSubject(caller));
      let spent: LlmUsage | undefined;
      let refund = false;
      try {
        const key = keyOf("recipe", request);
        const hit = await cache.get<CachedRecipe>(key);
        if (hit) {
          yield { type: "done", result: result(hit, true) };
          return;
        }
        const flight = streams.join(key, streamProducer(request, key), signal);
        const outcome = yield* flight.events;
        spent = outcome.takeUsage();
        // A member that joined another's flight, or a flight answered from the cache, caused no computation.
        // Members share one answer object: a joiner gets its own copy, as it would from the cache.
        const value = flight.joined ? structuredClone(outcome.value) : outcome.value;
        yield { type: "done", result: result(value, outcome.cached || flight.joined) };
      } catch (error) {
        const failure = toDomainError(error);
        refund = refundsQuota(failure);
        throw failure;
      } finally {
        release({ refund });
        await record(caller, spent);
      }
    },

    async fromIngredients(input, caller, signal) {
      const request = guardIngredientsInput(guard, input, caller);
      return metered(caller, async (spend) => {
        const { value, cached } = await cache.getOrCompute<{ suggestions: Suggestion[] }>(
          keyOf("suggestions", request),
          deps.cacheTtlSeconds,
          async (shared) => {
            const answer = await compliantSuggestions(provider, request, shared);
            spend(answer.usage);
            return { suggestions: answer.suggestions };
          },
          signal,
        );
        return { suggestions: value.suggestions, source: provider.source, cached };
      });
    },

    quota: (caller) => quota.status(quotaSubject(caller)),
  };
}
