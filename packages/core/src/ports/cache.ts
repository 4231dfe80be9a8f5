/** Cache of AI answers. `getOrCompute` is single-flight: concurrent callers of one key share one compute. */
export interface AnswerCache {
  /** `joined`: this caller shared a computation another caller started (single-flight), in this process. */
  getOrCompute<T>(
    key: string,
    ttlSeconds: number,
    compute: () => Promise<T>,
  ): Promise<{ value: T; cached: boolean; joined?: boolean }>;
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
