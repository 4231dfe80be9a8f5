// runStream's rules for a stream that ends early, driven through the observer tRPC's client calls.
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { runStream, type StreamObserver } from "../src/api/stream.js";

type Event = { type: "token" | "done" };

function harness() {
  let observer: StreamObserver<Event> | undefined;
  const unsubscribe = vi.fn();
  const handlers = { onData: vi.fn(), onError: vi.fn(), onRestart: vi.fn(), onSettled: vi.fn() };
  runStream<Event>(
    (o) => {
      observer = o;
      return { unsubscribe };
    },
    (event) => event.type === "done",
    handlers,
  );
  return { observer: observer!, unsubscribe, handlers };
}

/** An error as tRPC's SSE link reports a server's serialized error event. */
const serverError = (data: Record<string, unknown>) =>
  TRPCClientError.from({ error: { message: "x", code: -32603, data } } as never);
const stopping = serverError({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, reconnect: true, retryAfterSeconds: 1 });

describe("runStream", () => {
  it("lets the link reconnect when the server asks, and the stream starts over", () => {
    const { observer, unsubscribe, handlers } = harness();
    observer.onData({ type: "token" });
    observer.onConnectionStateChange({ state: "connecting", error: stopping });
    expect(handlers.onRestart).toHaveBeenCalledTimes(1);
    // The server is not back yet: failed attempts are ridden out while resuming.
    observer.onConnectionStateChange({ state: "connecting", error: new TRPCClientError("fetch failed") });
    observer.onConnectionStateChange({ state: "pending", error: null });
    observer.onData({ type: "token" });
    observer.onData({ type: "done" });
    observer.onComplete();
    expect(handlers.onError).not.toHaveBeenCalled();
    expect(unsubscribe).not.toHaveBeenCalled();
    expect(handlers.onData).toHaveBeenCalledTimes(3);
    expect(handlers.onSettled).toHaveBeenCalledTimes(1);
  });

  it("ends the stream on any other 5xx instead of running the generation again", () => {
    const { observer, unsubscribe, handlers } = harness();
    const upstream = serverError({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, reconnect: false });
    observer.onConnectionStateChange({ state: "connecting", error: upstream });
    expect(handlers.onError).toHaveBeenCalledWith(upstream);
    expect(handlers.onRestart).not.toHaveBeenCalled();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("gives up when a dropped connection follows outside a resume, or resumes repeat", () => {
    const dropped = harness();
    dropped.observer.onConnectionStateChange({ state: "connecting", error: new TRPCClientError("fetch failed") });
    expect(dropped.handlers.onError).toHaveBeenCalledTimes(1);

    const looping = harness();
    for (let i = 0; i < 4; i++) {
      looping.observer.onConnectionStateChange({ state: "connecting", error: stopping });
      looping.observer.onConnectionStateChange({ state: "pending", error: null });
    }
    expect(looping.handlers.onRestart).toHaveBeenCalledTimes(3);
    expect(looping.handlers.onError).toHaveBeenCalledWith(stopping);
  });
});
