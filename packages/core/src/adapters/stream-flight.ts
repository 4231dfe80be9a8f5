/**
 * In-process single-flight for streams: while one producer runs for a key, every other caller of that key
 * joins it instead of starting another. A joiner first receives every event produced so far (replayed from
 * the flight's buffer), then the rest as they arrive, then the producer's result or its error.
 *
 * Membership is counted: a member that leaves (its consumer stops early, or its own signal aborts) does not
 * stop the producer while others remain; the last member to leave aborts it, and the flight is forgotten at
 * once so a later caller starts afresh instead of joining a cancelled one. A settled flight is forgotten too:
 * its result lives on in the answer cache, never here.
 */
import { CancelledError } from "../errors.js";

export type StreamProducer<E, R> = (signal: AbortSignal, emit: (event: E) => void) => Promise<R>;

export interface StreamFlights<E, R> {
  /**
   * The events of the flight for `key`, joining the running one or starting one with `start`. The generator
   * yields the events and returns the result. `signal` is this member's own: when it aborts, the member
   * leaves (with a CancelledError) and the flight goes on for the others. The caller counts as a member from
   * this call on, so it must iterate the generator (to its end, or stopping it early).
   */
  join(key: string, start: StreamProducer<E, R>, signal?: AbortSignal): { joined: boolean; events: AsyncGenerator<E, R> };
  /**
   * The result of the flight running for `key`, as a member until it settles or `signal` aborts (then this
   * member leaves with a CancelledError); undefined when none runs.
   */
  wait(key: string, signal?: AbortSignal): Promise<R> | undefined;
  /** Flights running now (for tests and metrics). */
  readonly size: number;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Flight<E, R> {
  events: E[];
  members: number;
  outcome: Outcome<R> | undefined;
  controller: AbortController;
  /** Resolved (and replaced) on every new event and on settling. */
  changed: Deferred;
  settled: Promise<void>;
}

export function createStreamFlights<E, R>(): StreamFlights<E, R> {
  const flights = new Map<string, Flight<E, R>>();

  function start(key: string, produce: StreamProducer<E, R>): Flight<E, R> {
    const flight: Flight<E, R> = {
      events: [],
      members: 0,
      outcome: undefined,
      controller: new AbortController(),
      changed: deferred(),
      settled: Promise.resolve(),
    };
    const notify = () => {
      const changed = flight.changed;
      flight.changed = deferred();
      changed.resolve();
    };
    const emit = (event: E) => {
      if (flight.outcome) return;
      flight.events.push(event);
      notify();
    };
    flights.set(key, flight);
    // Started on the next tick, after the caller has become a member: a producer that settles at once must
    // not find an empty flight and be taken for abandoned.
    flight.settled = Promise.resolve()
      .then(() => produce(flight.controller.signal, emit))
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      )
      .then((outcome) => {
        flight.outcome = outcome;
        if (flights.get(key) === flight) flights.delete(key);
        notify();
      });
    return flight;
  }

  function leave(key: string, flight: Flight<E, R>): void {
    flight.members--;
    if (flight.members > 0 || flight.outcome) return;
    // The last member left before the end: nobody wants the answer any more.
    if (flights.get(key) === flight) flights.delete(key);
    flight.controller.abort(new CancelledError());
  }

  async function* consume(key: string, flight: Flight<E, R>, signal: AbortSignal | undefined): AsyncGenerator<E, R> {
    let next = 0;
    try {
      for (;;) {
        while (next < flight.events.length) yield flight.events[next++]!;
        const outcome = flight.outcome;
        if (outcome) {
          if (outcome.ok) return outcome.value;
          throw outcome.error;
        }
        await untilChanged(flight.changed.promise, signal);
      }
    } finally {
      leave(key, flight);
    }
  }

  return {
    join(key, produce, signal) {
      if (signal?.aborted) throw new CancelledError(signal.reason);
      const running = flights.get(key);
      const flight = running ?? start(key, produce);
      flight.members++;
      return { joined: running !== undefined, events: consume(key, flight, signal) };
    },
    wait(key, signal) {
      const flight = flights.get(key);
      if (!flight || signal?.aborted) return undefined;
      flight.members++;
      let left = false;
      const once = () => {
        if (left) return;
        left = true;
        leave(key, flight);
      };
      const settled = flight.settled.then(() => {
        once();
        const outcome = flight.outcome!;
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      });
      if (!signal) return settled;
      return new Promise<R>((resolve, reject) => {
        const onAbort = () => {
          once();
          reject(new CancelledError(signal.reason));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        settled.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
      });
    },
    get size() {
      return flights.size;
    },
  };
}

/** Resolves when the flight changes; rejects with CancelledError when this member's signal aborts first. */
function untilChanged(changed: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return changed;
  if (signal.aborted) return Promise.reject(new CancelledError(signal.reason));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new CancelledError(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    void changed.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

/** Promise.withResolvers needs Node 22; Sous runs on Node 20 too. */
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
