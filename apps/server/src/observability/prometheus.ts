/**
 * The Metrics port (core) on prom-client: one Registry per running Sous (so two servers in one test process
 * count apart), with Node's default process metrics (CPU, memory, handles, GC, event-loop lag) and the
 * database pool's gauges read at scrape time. Label values are procedure paths, kinds and outcomes only.
 */
import type { Metrics } from "@sous/core";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface PoolStats {
  inUse: number;
  waiting: number;
}

export interface PromMetrics {
  registry: Registry;
  metrics: Metrics;
  /** Reads the database pool at each scrape (Postgres only; PGlite has no pool). */
  watchPool(stats: () => PoolStats): void;
}

/** Seconds: from a cached answer (~1 ms) to a slow model call (~30 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: "sous_procedure_calls_total",
    help: "tRPC procedure calls (over /trpc and /api), by procedure, type and HTTP status class",
    labelNames: ["procedure", "type", "status_class"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "sous_procedure_duration_seconds",
    help: "tRPC procedure call latency, by procedure, type and HTTP status class",
    labelNames: ["procedure", "type", "status_class"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstream = new Histogram({
    name: "sous_ai_upstream_call_duration_seconds",
    help: "Calls to the AI provider (after the answer cache and single-flight), by provider and operation",
    labelNames: ["provider", "operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const failures = new Counter({
    name: "sous_ai_upstream_failures_total",
    help: "Failed AI provider calls, by provider and failure kind",
    labelNames: ["provider", "kind"] as const,
    registers,
  });
  const tokens = new Counter({
    name: "sous_ai_tokens_total",
    help: "Tokens the AI provider reported, by provider and direction (input, output)",
    labelNames: ["provider", "direction"] as const,
    registers,
  });
  const cache = new Counter({
    name: "sous_ai_cache_lookups_total",
    help: "Answer-cache lookups by outcome: hit, miss (computed), joined (single-flight onto a running computation)",
    labelNames: ["outcome"] as const,
    registers,
  });
  const quota = new Counter({
    name: "sous_ai_quota_refusals_total",
    help: "AI calls the quota refused, by reason (daily, concurrency)",
    labelNames: ["reason"] as const,
    registers,
  });
  const rateLimit = new Counter({
    name: "sous_rate_limit_refusals_total",
    help: "Procedure calls the per-caller rate limit refused",
    registers,
  });
  const guard = new Counter({
    name: "sous_guard_refusals_total",
    help: "Inputs the prompt guard refused, by reason",
    labelNames: ["reason"] as const,
    registers,
  });

  let pool: (() => PoolStats) | undefined;
  new Gauge({
    name: "sous_db_pool_connections_in_use",
    help: "Database connections checked out of the pool",
    registers,
    collect() {
      if (pool) this.set(pool().inUse);
    },
  });
  new Gauge({
    name: "sous_db_pool_waiting",
    help: "Queries waiting for a database connection",
    registers,
    collect() {
      if (pool) this.set(pool().waiting);
    },
  });

  const metrics: Metrics = {
    procedureCall({ procedure, type, statusClass }, seconds) {
      const labels = { procedure, type, status_class: statusClass };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    aiUpstreamCall({ provider, operation }, seconds) {
      upstream.observe({ provider, operation }, seconds);
    },
    aiFailure({ provider, kind }) {
      failures.inc({ provider, kind });
    },
    aiTokens({ provider }, usage) {
      tokens.inc({ provider, direction: "input" }, usage.inputTokens);
      tokens.inc({ provider, direction: "output" }, usage.outputTokens);
    },
    cacheLookup(outcome) {
      cache.inc({ outcome });
    },
    quotaRefused(reason) {
      quota.inc({ reason });
    },
    rateLimitRefused() {
      rateLimit.inc();
    },
    guardRefused(reason) {
      guard.inc({ reason });
    },
  };
  return {
    registry,
    metrics,
    watchPool(stats) {
      pool = stats;
    },
  };
}
