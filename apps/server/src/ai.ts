/**
 * The AI ports from configuration: the provider AI_PROVIDER resolved to (env.ts: Gemini, any OpenAI-compatible
 * server, or the offline catalogue); the answer
 * cache and the AI quota on Redis when there is one (shared by every server process, so single-flight and
 * quotas hold across them), else in process.
 */
import { createCatalogueProvider, createGeminiProvider, createOpenAIProvider } from "@sous/ai";
import {
  createAiQuota,
  createMemoryAnswerCache,
  createRedisAnswerCache,
  type AiConfig,
  type AiDeps,
  type LlmProvider,
  type Redis,
} from "@sous/core";
import type { Logger } from "pino";
import type { Config } from "./env.js";

/** Answers the in-process cache keeps (recipes are a few kB each). */
const MEMORY_CACHE_ENTRIES = 2_000;

export function aiConfig(config: Config): AiConfig {
  return {
    cacheTtlSeconds: config.cacheTtlSeconds,
    perDaySignedIn: config.aiRequestsPerDay.signedIn,
    perDayAnonymous: config.aiRequestsPerDay.anonymous,
    concurrencyPerSubject: config.aiConcurrencyPerCaller,
  };
}

export function createAiDeps(config: Config, { redis, logger }: { redis: Redis | undefined; logger: Logger }): AiDeps {
  const provider = createProvider(config, logger);
  logger.info({ source: provider.source, model: provider.model, cache: redis ? "redis" : "memory" }, "AI provider ready");
  return {
    provider,
    cache: redis
      ? createRedisAnswerCache(redis, { prefix: "sous:ai:", logger })
      : createMemoryAnswerCache({ maxEntries: MEMORY_CACHE_ENTRIES }),
    quota: createAiQuota({
      redis,
      perDaySignedIn: config.aiRequestsPerDay.signedIn,
      perDayAnonymous: config.aiRequestsPerDay.anonymous,
      concurrencyPerSubject: config.aiConcurrencyPerCaller,
      logger,
    }),
  };
}

/** env.ts has checked that the chosen provider has what it needs; the checks here only narrow the types. */
export function createProvider(config: Config, logger: Logger): LlmProvider {
  const { gemini, openai } = config;
  if (config.aiProvider === "gemini" && gemini.apiKey) {
    return createGeminiProvider({
      apiKey: gemini.apiKey,
      model: gemini.model,
      baseUrl: gemini.baseUrl,
      timeoutMs: gemini.timeoutMs,
      thinkingBudget: gemini.thinkingBudget,
      logger: logger.child({ component: "gemini" }),
    });
  }
  if (config.aiProvider === "openai" && openai.baseUrl && openai.model) {
    return createOpenAIProvider({
      baseUrl: openai.baseUrl,
      apiKey: openai.apiKey,
      model: openai.model,
      timeoutMs: openai.timeoutMs,
      logger: logger.child({ component: "openai" }),
    });
  }
  return createCatalogueProvider();
}
