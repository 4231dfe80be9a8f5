import type { Services } from "@sous/core";
import type { Express } from "express";
import type { Logger } from "pino";

export interface HealthOptions {
  services: Services;
  logger: Logger;
  /** True once shutdown has begun: the load balancer must stop sending traffic. */
  isDraining: () => boolean;
}

/** `/healthz`: the process answers (no dependency is asked). `/readyz`: it can serve, and is not draining. */
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
    const ready = !draining && Object.values(checks).every(Boolean);
    const status = draining ? "draining" : ready ? "ready" : "unavailable";
    // Which provider and model serve AI calls: operators check it after switching AI_PROVIDER.
    res.status(ready ? 200 : 503).json({ status, checks, ai: services.health.ai });
  });
}
