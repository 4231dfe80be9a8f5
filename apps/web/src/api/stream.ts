/**
 * Runs one subscription to its end for a screen that shows a stream (a recipe, a chat reply). tRPC's SSE
 * link reconnects after a 5xx-class error and would re-run the procedure, which for a generation means doing
 * (and billing) it again without the user asking; here the first error ends the stream instead. The one
 * exception is a stream the server ended because it is stopping (`data.reconnect`): the link is let
 * reconnect (a few times, riding out the failed attempts while the server comes back) and the stream starts
 * over, which the screen learns through `onRestart`.
 */
import { TRPCClientError } from "@trpc/client";

/** Server-requested resumes of one stream. */
const MAX_RESUMES = 3;
/** Failed connection attempts while resuming (the EventSource retries every 3 s): about 30 s. */
const MAX_ATTEMPTS = 10;

export interface StreamObserver<T> {
  onData(value: T): void;
  onError(error: unknown): void;
  onComplete(): void;
  onConnectionStateChange(state: { state: string; error: unknown }): void;
}

export type Subscribe<T> = (observer: StreamObserver<T>) => { unsubscribe(): void };

export interface StreamHandlers<T> {
  onData(value: T): void;
  /** The stream ended with an error, or closed before `isLast` saw its last event. */
  onError(error: unknown): void;
  /** The server is restarting: the stream will start over once reconnected; drop what it showed so far. */
  onRestart?(): void;
  /**
   * The server closed the stream, after its last event or an error. Its bookkeeping (usage, quota) is done
   * by then, so this is the moment to refetch what depends on it.
   */
  onSettled?(): void;
}

/** Starts the stream; the returned function stops it (unmount, a new request, the user's Stop). */
export function runStream<T>(
  subscribe: Subscribe<T>,
  isLast: (value: T) => boolean,
  handlers: StreamHandlers<T>,
): () => void {
  let sawLast = false;
  let ended = false;
  let resumes = 0;
  let attempts = 0;
  let resuming = false;
  // Filled in once subscribe() returns; the callbacks may (in principle) run before that.
  const handle: { subscription?: { unsubscribe(): void } } = {};
  const stop = () => {
    ended = true;
    handle.subscription?.unsubscribe();
  };
  const fail = (error: unknown) => {
    if (ended) return;
    stop();
    if (!sawLast) handlers.onError(error);
    handlers.onSettled?.();
  };
  handle.subscription = subscribe({
    onData(value) {
      if (ended || sawLast) return;
      sawLast = isLast(value);
      handlers.onData(value);
    },
    onError: fail,
    onComplete() {
      if (!sawLast) return fail(new Error("The answer stopped before it was complete. Please try again."));
      if (ended) return;
      ended = true;
      handlers.onSettled?.();
    },
    onConnectionStateChange({ state, error }) {
      if (state === "pending") resuming = false;
      if (state !== "connecting" || !error || ended) return;
      if (isReconnectRequest(error) && resumes < MAX_RESUMES && !sawLast) {
        resumes += 1;
        attempts = 0;
        resuming = true;
        handlers.onRestart?.();
      } else if (!(resuming && ++attempts <= MAX_ATTEMPTS)) {
        fail(error);
      }
    },
  });
  if (ended) handle.subscription.unsubscribe();
  return stop;
}

function isReconnectRequest(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null && "reconnect" in data && data.reconnect === true;
}
