/**
 * The metrics port: what Sous counts, as plain calls. Core and api report through it and know no metrics
 * library; apps/server implements it with prom-client (GET /metrics). Labels are low-cardinality by
 * construction: procedure paths, kinds and outcomes, never ids, addresses or user text.
 */
export interface Metrics {
  /** One tRPC procedure call ended (over /trpc, /api or a stream), with its HTTP status class ("2xx", "4xx"…). */
  procedureCall(call: { procedure: string; type: string; statusClass: string }, seconds: number): void;
  /** One call to the model (generate, suggest, chat, stream), after the cache and single-flight. */
  aiUpstreamCall(call: { provider: string; operation: string }, seconds: number): void;
  /** An upstream call failed; `kind` is an LlmFailureKind, or "other". */
  aiFailure(call: { provider: string; kind: string }): void;
  aiTokens(call: { provider: string }, usage: { inputTokens: number; outputTokens: number }): void;
  /** An answer-cache lookup: a stored answer, a computation, or a join onto one already running. */
  cacheLookup(outcome: "hit" | "miss" | "joined"): void;
  /** The AI quota refused a call: the daily count, or the cap on concurrent calls. */
  quotaRefused(reason: "daily" | "concurrency"): void;
  /** The per-caller procedure rate limit refused a call. */
  rateLimitRefused(): void;
  /** The prompt guard refused an input; `reason` is its GuardRefusalReason. */
  guardRefused(reason: string): void;
}

export const noopMetrics: Metrics = {
  procedureCall() {},
  aiUpstreamCall() {},
  aiFailure() {},
  aiTokens() {},
  cacheLookup() {},
  quotaRefused() {},
  rateLimitRefused() {},
  guardRefused() {},
};
