/**
 * In-process single-flight: while a computation for a key is running, later callers of that key get the same
 * promise instead of starting another. The entry is removed when the flight settles, so a failure is shared
 * with the callers that were waiting for it and never reused after.
 */
export interface SingleFlight {
  /** `joined` is true when this caller shares a flight someone else started. */
  run<T>(key: string, start: () => Promise<T>): { promise: Promise<T>; joined: boolean };
  clear(): void;
}

export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, start: () => Promise<T>) {
      const running = flights.get(key);
      if (running) return { promise: running as Promise<T>, joined: true };
      const promise = start().finally(() => flights.delete(key));
      flights.set(key, promise);
      return { promise, joined: false };
    },
    clear() {
      flights.clear();
    },
  };
}
