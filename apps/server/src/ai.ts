/**
 * The AI ports from configuration: Gemini when GEMINI_API_KEY is set, else the offline catalogue; the answer
 * cache and the AI quota on Redis when there is one (shared by every server process, so single-flight and
 * quotas hold across them), else in process.
 */
import { createCatalogueProvider, createGeminiProvider } from "@sous/ai";
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
  const provider: LlmProvider = config.gemini.apiKey
    ? createGeminiProvider({
        apiKey: config.gemini.apiKey,
        model: config.gemini.model,
        baseUrl: config.gemini.baseUrl,
        timeoutMs: config.gemini.timeoutMs,
        thinkingBudget: config.gemini.thinkingBudget,
        logger: logger.child({ component: "gemini" }),
      })
    : createCatalogueProvider();
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
