import type { Services } from "@sous/core";
import type { Express } from "express";
import type { Logger } from "pino";

export interface HealthOptions {
  services: Services;
  logger: Logger;
  /** True once shutdown has begun: the load balancer must stop sending traffic. */
  isDraining: () => boolean;
}

/**
 * `/healthz`: the process answers (no dependency is asked). `/readyz`: it can serve, and is not draining.
 * The cache (Redis) is not required: without it every request is still served (in-process cache and limits),
 * so its loss reports `degraded` with 200. A load balancer must not pull every instance for a Redis outage.
 */
export function addHealthRoutes(app: Express, { services, logger, isDraining }: HealthOptions): void {
  app.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    // The health service bounds each probe's time; a throw is still answered, as "not ready".
    const checks = await services.health.check().catch((error: unknown) => {
      logger.warn({ err: error }, "readiness check failed");
      return { db: false, cache: false, ai: false };
    });
    const draining = isDraining();
    const serving = !draining && checks.db && checks.ai;
    const status = draining ? "draining" : !serving ? "unavailable" : checks.cache ? "ready" : "degraded";
    // Which provider and model serve AI calls: operators check it after switching AI_PROVIDER.
    res.status(serving ? 200 : 503).json({ status, checks, ai: services.health.ai });
  });
}
