/**
 * The composition root: the one place that turns a Config into running parts, in dependency order —
 * database (migrated) → Redis (optional) → rate limiter → services → HTTP app → listener — and that takes
 * them down again in reverse. main.ts runs it for the process; the server tests run exactly the same code
 * with a test database. New ports (the AI provider, the answer cache) are built here and handed to
 * createServices; nothing below this file reads Config.
 */
import { createDb, migrateToLatest, type DbHandle } from "@sous/db";
import {
  closeRedis,
  createPageFetcher,
  createRateLimiter,
  createRedis,
  createServices,
  waitForRedis,
  type CoreConfig,
  type Redis,
  type Services,
} from "@sous/core";
import type { Server } from "node:http";
import type { Registry } from "prom-client";
import type { Logger } from "pino";
import { aiConfig, createAiDeps } from "./ai.js";
import type { Config } from "./env.js";
import { createHttpApp } from "./http/app.js";
import { closeGracefully, listen } from "./http/listen.js";
import { createPromMetrics } from "./observability/prometheus.js";

export interface StartOptions {
  logger: Logger;
  /** A database to use instead of opening one from config (tests). The caller keeps ownership. */
  db?: DbHandle;
  /** A Redis client to use instead of one from config.redisUrl (tests). The caller keeps ownership. */
  redis?: Redis;
}

export interface RunningSous {
  url: string;
  port: number;
  httpServer: Server;
  services: Services;
  /** This process's Prometheus registry (what /metrics serves). */
  metricsRegistry: Registry;
  isDraining(): boolean;
  /**
   * Graceful stop: readiness turns 503 at once; after config.shutdownDelayMs the listener closes and every
   * open stream ends with a reconnect event; requests in flight get config.shutdownTimeoutMs to finish; then
   * what this call opened (pool or PGlite, Redis) closes.
   */
  stop(): Promise<void>;
}

export async function startSous(config: Config, options: StartOptions): Promise<RunningSous> {
  const { logger } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => logger.error({ err }, "close failed"));
  };

  try {
    const prom = createPromMetrics();
    const db = options.db ?? (await openDatabase(config, logger, cleanups));
    if (db.poolStats) prom.watchPool(db.poolStats);
    const redis = options.redis ?? (await openRedis(config, logger, cleanups));

    const limiter = createRateLimiter({
      points: config.rateLimitPerMinute,
      durationSeconds: 60,
      keyPrefix: "sous:rl:calls",
      redis,
      logger,
    });
    cleanups.push(() => limiter.close());

    const ai = createAiDeps(config, { redis, logger });
    const pageFetcher = createPageFetcher({ allowHosts: config.importAllowHosts });
    cleanups.push(() => pageFetcher.close());
    // Share links need the public base before the listener exists; without PUBLIC_URL it is the listener's URL.
    let listeningUrl = `http://${config.host}:${config.port}`;
    const services = createServices({
      db: db.db,
      config: { ...coreConfig(config), share: { publicUrl: () => config.publicUrl ?? listeningUrl } },
      limiter,
      ai,
      pageFetcher,
      logger,
      metrics: prom.metrics,
    });
    cleanups.push(() => services.usage.close());
    const purge = purgeExpiredConversations(services, logger);
    cleanups.push(async () => clearInterval(purge));

    let draining = false;
    const shutdown = new AbortController();
    const app = createHttpApp({
      services,
      logger,
      allowedOrigins: config.allowedOrigins,
      trustProxy: config.trustProxy,
      secureTransport: config.cookieSecure,
      googleSignIn: config.google.clientId !== undefined,
      webDistDir: config.webDistDir,
      isDraining: () => draining,
      shutdown: shutdown.signal,
      metrics: config.metricsToken ? { registry: prom.registry, token: config.metricsToken } : undefined,
    });
    const { server, url, port } = await listen(app, config.host, config.port);
    listeningUrl = url;

    let stopping: Promise<void> | undefined;
    const stop = async () => {
      draining = true;
      if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      // Open streams would hold the process until the deadline: each ends now with an event telling its
      // client to subscribe again (elsewhere, or here once restarted). Other requests finish normally.
      shutdown.abort();
      const { forced } = await closeGracefully(server, config.shutdownTimeoutMs);
      if (forced) logger.warn({ timeoutMs: config.shutdownTimeoutMs }, "shutdown deadline passed; connections cut");
      await cleanUp();
    };
    return {
      url,
      port,
      httpServer: server,
      services,
      metricsRegistry: prom.registry,
      isDraining: () => draining,
      stop: () => (stopping ??= stop()),
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export function coreConfig(config: Config): CoreConfig {
  return {
    auth: {
      secret: config.authSecret,
      devLogin: config.devLogin,
      google: { clientId: config.google.clientId, certsUrl: config.google.certsUrl },
    },
    ai: aiConfig(config),
  };
}

/** Anonymous conversations are unreachable once expired; this deletes them hourly (and once at start). */
function purgeExpiredConversations(services: Services, logger: Logger): NodeJS.Timeout {
  const purge = () => {
    services.chat.purgeExpired().then(
      (count) => count > 0 && logger.info({ count }, "expired anonymous conversations deleted"),
      (err: unknown) => logger.warn({ err }, "purging expired conversations failed"),
    );
  };
  purge();
  return setInterval(purge, 3_600_000).unref();
}

async function openDatabase(config: Config, logger: Logger, cleanups: (() => Promise<void>)[]): Promise<DbHandle> {
  const db = await createDb({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    queryTimeoutMs: config.dbQueryTimeoutMs,
    onPoolError: (err) => logger.warn({ err }, "idle database connection failed"),
  });
  cleanups.push(() => db.close());
  const applied = await migrateToLatest(db.db);
  logger.info({ database: db.kind, applied }, applied.length > 0 ? "migrations applied" : "schema up to date");
  return db;
}

/** Redis is optional: when it is configured but down at start, Sous starts anyway and limits in memory. */
async function openRedis(
  config: Config,
  logger: Logger,
  cleanups: (() => Promise<void>)[],
): Promise<Redis | undefined> {
  if (!config.redisUrl) return undefined;
  const redis = createRedis(config.redisUrl, logger);
  cleanups.push(() => closeRedis(redis));
  if (!(await waitForRedis(redis, 3_000))) logger.warn({}, "redis not reachable at start; continuing without it");
  return redis;
}
