/**
 * GET /metrics: the Prometheus text of one Sous process, for a scraper holding METRICS_TOKEN as a Bearer
 * token. Without a configured token the route is not mounted (404), so metrics are never public by accident.
 */
import type { RequestHandler } from "express";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Registry } from "prom-client";

export interface MetricsEndpoint {
  registry: Registry;
  token: string;
}

export function metricsRoute({ registry, token }: MetricsEndpoint): RequestHandler {
  const expected = digest(token);
  return async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const presented = /^Bearer +(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1];
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte.
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      res.status(401).json({ error: { code: "UNAUTHORIZED", message: "A valid metrics token is required", requestId: res.locals.requestId } });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
