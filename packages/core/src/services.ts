/**
 * Composition of core: builds every service from the database, config and ports. apps/server calls
 * `createServices` once; tests call it with a test database, a fake clock or a test limiter. A new slice adds
 * its config section to CoreConfig, its ports to ServiceDeps and its service to Services, here and only here.
 */
import type { Kysely } from "kysely";
import type { Database } from "@sous/db";
import { createAccessTokens } from "./auth/access-tokens.js";
import { createAdminService, type AdminService } from "./auth/admin.service.js";
import { createApiTokenService, type ApiTokenService } from "./auth/api-tokens.service.js";
import { resolveAuthConfig, type AuthConfig } from "./auth/auth.config.js";
import { createAuthService, type AuthService } from "./auth/auth.service.js";
import { createGoogleVerifier } from "./auth/google-verifier.js";
import { createRefreshSessions } from "./auth/refresh-sessions.js";
import { createHealthService, databaseProbe, type HealthService } from "./health.service.js";
import { silentLogger, type CoreLogger } from "./logger.js";
import type { RequestLimiter } from "./ports/limiter.js";
import { createUnitOfWork } from "./repositories.js";
import { createMemoryAnswerCache } from "./adapters/cache.memory.js";
import { resolveAiConfig, type AiConfig } from "./ai/ai.config.js";
import { createPromptGuard, type PromptGuard } from "./ai/prompt-guard.js";
import { createAiQuota, type AiQuota } from "./ai/quota.js";
import { createBufferedUsage, type BufferedUsage } from "./ai/usage.buffer.js";
import { createChatService, type ChatService } from "./chat/chat.service.js";
import { createConversationsService, type ConversationsService } from "./chat/conversations.service.js";
import type { AnswerCache } from "./ports/cache.js";
import type { LlmProvider } from "./ports/llm.js";
import { noopMetrics, type Metrics } from "./ports/metrics.js";
import {
  instrumentedCache,
  instrumentedGuard,
  instrumentedLimiter,
  instrumentedProvider,
  instrumentedQuota,
} from "./adapters/instrumented.js";
import { createRecipeService, type RecipeService } from "./recipe/recipe.service.js";
import { createSavedService, type SavedService } from "./saved/saved.service.js";
import { createAccountService, type AccountService } from "./account/account.service.js";
import { createPlanService, type PlanService } from "./plan/plan.service.js";
import { createShareService, type ShareConfig, type ShareService } from "./share/share.service.js";
import { createShoppingService, type ShoppingService } from "./shopping/shopping.service.js";
import { createImportService, type ImportService } from "./import/import.service.js";
import { createPageFetcher } from "./adapters/page-fetcher.js";
import type { PageFetcher } from "./ports/page-fetcher.js";

export interface CoreConfig {
  auth: AuthConfig;
  ai?: AiConfig;
  /** Share links; default base http://127.0.0.1:3000 (the server passes PUBLIC_URL). */
  share?: ShareConfig;
}

/**
 * The AI slice's ports. Only `provider` is required (Gemini or the offline catalogue: the composition root
 * chooses); the cache defaults to an in-process LRU, the quota to in-memory counters from `config.ai`.
 */
export interface AiDeps {
  provider: LlmProvider;
  cache?: AnswerCache;
  quota?: AiQuota;
  guard?: PromptGuard;
}

export interface ServiceDeps {
  db: Kysely<Database>;
  config: CoreConfig;
  /** Per-caller limit on procedure calls (api consumes one point per call). */
  limiter: RequestLimiter;
  ai: AiDeps;
  /** Recipe import's page fetcher; the guarded one with no host exceptions by default. */
  pageFetcher?: PageFetcher;
  /** Injected so tests can move time (token and session lifetimes). Defaults to the wall clock. */
  clock?: () => Date;
  logger?: CoreLogger;
  /** Where the ports' events are counted (apps/server: prom-client). Default: nowhere. */
  metrics?: Metrics;
}

export interface Services {
  auth: AuthService;
  apiTokens: ApiTokenService;
  admin: AdminService;
  limiter: RequestLimiter;
  health: HealthService;
  recipe: RecipeService;
  chat: ChatService;
  conversations: ConversationsService;
  saved: SavedService;
  /** AI usage, written to the database in batches: `close()` it before the database closes. */
  usage: BufferedUsage;
  share: ShareService;
  shopping: ShoppingService;
  plan: PlanService;
  account: AccountService;
  import: ImportService;
  /** api reports each procedure call here. */
  metrics: Metrics;
}

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const auth = resolveAuthConfig(deps.config.auth);
  const uow = createUnitOfWork(deps.db);

  const apiTokens = createApiTokenService({ uow, clock, logger });
  const accessTokens = createAccessTokens({
    secret: auth.secret,
    issuer: auth.issuer,
    audience: auth.audience,
    ttlSeconds: auth.accessTokenTtlSeconds,
    clock,
  });
  const refreshSessions = createRefreshSessions({ uow, config: auth, clock, logger });
  const google = createGoogleVerifier(auth.google);

  const metrics = deps.metrics ?? noopMetrics;
  // Without a metrics sink the ports are used as given (no decorator on the hot path).
  const observe = <T>(port: T, decorate: (port: T, metrics: Metrics) => T): T =>
    deps.metrics ? decorate(port, deps.metrics) : port;
  const ai = resolveAiConfig(deps.config.ai);
  const provider = observe(deps.ai.provider, instrumentedProvider);
  const cache = observe(deps.ai.cache ?? createMemoryAnswerCache({ maxEntries: 1000 }), instrumentedCache);
  const limiter = observe(deps.limiter, instrumentedLimiter);
  const quota = observe(
    deps.ai.quota ??
    createAiQuota({
      perDaySignedIn: ai.perDaySignedIn,
      perDayAnonymous: ai.perDayAnonymous,
      concurrencyPerSubject: ai.concurrencyPerSubject,
      clock,
      logger,
    }),
    instrumentedQuota,
  );
  const guard = observe(deps.ai.guard ?? createPromptGuard({ logger }), instrumentedGuard);
  const usage = createBufferedUsage(uow.repos.usage, { clock, logger, flushIntervalMs: ai.usageFlushIntervalMs });
  const shopping = createShoppingService({ uow });

  return {
    auth: createAuthService({ uow, config: auth, google, accessTokens, refreshSessions, apiTokens }),
    apiTokens,
    admin: createAdminService({ uow }),
    limiter,
    health: createHealthService({
      db: databaseProbe(deps.db),
      cache: () => cache.ping(),
      ai: () => provider.ready(),
    }),
    recipe: createRecipeService({ provider, cache, quota, usage, guard, cacheTtlSeconds: ai.cacheTtlSeconds, logger }),
    chat: createChatService({ uow, provider, quota, usage, guard, limits: ai.chat, clock, logger }),
    conversations: createConversationsService({ uow }),
    usage,
    metrics,
    // Single statements only, so the repository is used directly rather than through the unit of work.
    saved: createSavedService({ repo: uow.repos.saved }),
    share: createShareService({ uow, config: deps.config.share ?? { publicUrl: "http://127.0.0.1:3000" } }),
    shopping,
    plan: createPlanService({ uow, shopping }),
    account: createAccountService({ uow, flushUsage: () => usage.flush(), clock }),
    import: createImportService({
      fetcher: deps.pageFetcher ?? createPageFetcher(),
      provider,
      quota,
      usage,
      guard,
      logger,
    }),
  };
}
