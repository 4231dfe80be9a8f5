/**
 * In-process single-flight: while a computation for a key is running, later callers of that key get the same
 * promise instead of starting another. The entry is removed when the flight settles, so a failure is shared
 * with the callers that were waiting for it and never reused after.
 *
 * Callers may leave: each passes its own abort signal. A caller that leaves stops waiting at once (its
 * promise rejects with a CancelledError), but the computation keeps running for those still waiting; only
 * when the last caller has left is the computation's own signal aborted (stopping the upstream call) and the
 * flight forgotten, so a later caller starts afresh. A caller without a signal never leaves.
 */
import { CancelledError } from "../errors.js";

export interface SingleFlight {
  /** `joined` is true when this caller shares a flight someone else started. */
  run<T>(
    key: string,
    start: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): { promise: Promise<T>; joined: boolean };
  clear(): void;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  /** Callers still waiting for the answer. */
  waiting: number;
}

export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Flight>();

  /** This caller's view of the flight: the shared answer, or its own abort when it leaves first. */
  function attach<T>(key: string, flight: Flight, signal: AbortSignal | undefined): Promise<T> {
    const shared = flight.promise as Promise<T>;
    if (!signal) return shared;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        reject(new CancelledError(signal.reason));
        flight.waiting -= 1;
        if (flight.waiting > 0) return;
        if (flights.get(key) === flight) flights.delete(key);
        flight.controller.abort(signal.reason);
      };
      if (signal.aborted) return leave();
      signal.addEventListener("abort", leave, { once: true });
      shared.then(resolve, reject).finally(() => signal.removeEventListener("abort", leave));
    });
  }

  return {
    run<T>(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal) {
      const running = flights.get(key);
      // A caller without a signal can never leave: counted once and never released.
      if (running) {
        running.waiting += 1;
        return { promise: attach<T>(key, running, signal), joined: true };
      }
      const controller = new AbortController();
      const flight: Flight = { promise: Promise.resolve(), controller, waiting: 1 };
      flight.promise = start(controller.signal).finally(() => {
        if (flights.get(key) === flight) flights.delete(key);
      });
      // Callers that left get their own rejection; the shared promise's is handled here, not left unhandled.
      flight.promise.catch(() => undefined);
      flights.set(key, flight);
      return { promise: attach<T>(key, flight, signal), joined: false };
    },
    clear() {
      flights.clear();
    },
  };
}
