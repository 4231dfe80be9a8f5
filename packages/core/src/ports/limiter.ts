/**
 * Per-caller request limiting. `consume` throws RateLimitedError when the key is over its budget. An
 * implementation backed by Redis must fall back to memory when Redis is unreachable, never to refusing.
 */
export interface RequestLimiter {
  consume(key: string, points?: number): Promise<void>;
  close(): Promise<void>;
}
