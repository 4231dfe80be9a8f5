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
import type { CoreLogger } from "../logger.js";
import type { AnswerCache } from "../ports/cache.js";
import type { DeepPartial, LlmProvider, LlmUsage, RecipeAnswer } from "../ports/llm.js";
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

/**
 * Recipes from the LLM provider, in a fixed order: guard every user string (nothing goes upstream before),
 * take the caller's quota (every call counts, cache hits too; a call that fails on our or upstream's side is
 * given back; the concurrency slot is released when the call ends), answer from the
 * cache or compute once for all concurrent identical requests (single-flight), check diets and exclusions,
 * record usage. Provider failures become domain errors; a failed compute is never cached.
 *
 * A unary compute is shared with every concurrent identical caller (and the cache), so it runs on the
 * single-flight's signal, which aborts only when the last of those callers has left; a caller leaving early
 * just stops waiting. A stream belongs to one caller, so leaving stops it upstream.
 */
export function createRecipeService(deps: RecipeServiceDeps): RecipeService {
  const { provider, cache, quota, usage, guard, logger } = deps;
  const promptVersion = provider.promptVersion ?? "none";
  const keyOf = (kind: string, input: unknown) =>
    cacheKey({ kind, provider: provider.source, model: provider.model, promptVersion, input });

  const record = (caller: AiCaller, spent: LlmUsage | undefined) => recordUsage(usage, logger, caller, spent);

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
        const { value, cached } = await cache.getOrCompute<CachedRecipe>(
          keyOf("recipe", request),
          deps.cacheTtlSeconds,
          async (shared) => {
            const answer = await compliantRecipe(provider, request, shared);
            spend(answer.usage);
            return { recipe: answer.recipe, warnings: answer.warnings };
          },
          signal,
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
        let final: RecipeAnswer | undefined;
        for await (const event of provider.streamRecipe(request, { signal })) {
          if (event.type === "partial") yield { type: "partial", recipe: event.recipe };
          else final = { recipe: event.recipe, warnings: event.warnings, usage: event.usage };
        }
        if (!final) throw new UpstreamError();
        spent = final.usage;
        const answer = await ensureCompliantRecipe(provider, request, final, signal);
        spent = answer.usage;
        const value: CachedRecipe = { recipe: answer.recipe, warnings: answer.warnings };
        await cache.set(key, value, deps.cacheTtlSeconds).catch((error: unknown) => {
          logger.warn({ err: error }, "caching a streamed recipe failed");
        });
        yield { type: "done", result: result(value, false) };
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
