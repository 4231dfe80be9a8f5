import { describe, expect, it } from "vitest";
import { createSingleFlight } from "../../src/adapters/single-flight.js";
import { CancelledError } from "../../src/errors.js";

/** A computation the test finishes by hand, recording the signal it was given. */
function controllable<T>() {
  const started: AbortSignal[] = [];
  let finish: (value: T) => void = () => undefined;
  const start = (signal: AbortSignal) => {
    started.push(signal);
    return new Promise<T>((resolve, reject) => {
      finish = resolve;
      signal.addEventListener("abort", () => reject(new Error("upstream aborted")), { once: true });
    });
  };
  return { start, started, finish: (value: T) => finish(value) };
}

describe("single-flight with callers that leave", () => {
  it("keeps a shared computation running when one of its callers leaves", async () => {
    const flights = createSingleFlight();
    const compute = controllable<string>();
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run("k", compute.start, first.signal);
    const b = flights.run("k", compute.start, second.signal);
    expect([a.joined, b.joined]).toEqual([false, true]);

    first.abort();
    await expect(a.promise).rejects.toBeInstanceOf(CancelledError);
    expect(compute.started[0]?.aborted).toBe(false);

    compute.finish("answer");
    await expect(b.promise).resolves.toBe("answer");
    expect(compute.started).toHaveLength(1);
  });

  it("aborts the computation when the last caller leaves, and starts afresh for the next", async () => {
    const flights = createSingleFlight();
    const compute = controllable<string>();
    const callers = [new AbortController(), new AbortController()];
    const runs = callers.map((c) => flights.run("k", compute.start, c.signal));

    callers[1]!.abort();
    expect(compute.started[0]?.aborted).toBe(false);
    callers[0]!.abort();
    expect(compute.started[0]?.aborted).toBe(true);
    for (const run of runs) await expect(run.promise).rejects.toBeInstanceOf(CancelledError);

    const next = flights.run("k", compute.start);
    expect(next.joined).toBe(false);
    expect(compute.started).toHaveLength(2);
    compute.finish("fresh");
    await expect(next.promise).resolves.toBe("fresh");
  });

  it("never aborts for a caller without a signal, who cannot leave", async () => {
    const flights = createSingleFlight();
    const compute = controllable<number>();
    const patient = flights.run("k", compute.start);
    const leaver = new AbortController();
    const left = flights.run("k", compute.start, leaver.signal);
    leaver.abort();
    await expect(left.promise).rejects.toBeInstanceOf(CancelledError);
    expect(compute.started[0]?.aborted).toBe(false);
    compute.finish(42);
    await expect(patient.promise).resolves.toBe(42);
  });

  it("treats a caller whose signal is already aborted as gone at once", async () => {
    const flights = createSingleFlight();
    const compute = controllable<string>();
    const gone = AbortSignal.abort();
    const run = flights.run("k", compute.start, gone);
    await expect(run.promise).rejects.toBeInstanceOf(CancelledError);
    expect(compute.started[0]?.aborted).toBe(true);
  });

  it("shares a failure with every caller still waiting", async () => {
    const flights = createSingleFlight();
    const failing = () => Promise.reject(new Error("upstream down"));
    const runs = [flights.run("k", failing, new AbortController().signal), flights.run("k", failing)];
    for (const run of runs) await expect(run.promise).rejects.toThrow("upstream down");
    expect(flights.run("k", async () => "again").joined).toBe(false);
  });
});
