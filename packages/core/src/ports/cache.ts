/**
 * Cache of AI answers. `getOrCompute` is single-flight: concurrent callers of one key share one compute.
 * `signal` is the caller's: when it aborts the caller stops waiting (rejected with a CancelledError), and once
 * every caller sharing the compute has left, the compute's own signal aborts so it can stop upstream.
 */
export interface AnswerCache {
  /** `joined`: this caller shared a computation another caller started (single-flight), in this process. */
  getOrCompute<T>(
    key: string,
    ttlSeconds: number,
    compute: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<{ value: T; cached: boolean; joined?: boolean }>;
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
