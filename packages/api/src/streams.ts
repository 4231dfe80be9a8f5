import { asDomainError, CancelledError, DomainError, ServerStoppingError } from "@sous/core";
import type { AppContext } from "./context.js";
import { toTRPCError } from "./middleware/domain-errors.js";

const STOPPING = Symbol("stopping");

/**
 * A subscription's events as its client sees them. The service gets one signal that fires when the client
 * leaves or the server stops, and stops its upstream call on it.
 *
 * - Errors surface while the stream is iterated, after the procedure middlewares have returned, so the
 *   domain-error middleware never sees them: they are mapped here on the way out.
 * - A stream cancelled because its client left just ends: there is nobody to tell.
 * - When the server stops (`ctx.shutdown`), the stream ends at once with `ServerStoppingError`: tRPC sends it
 *   as its `serialized-error` event with the retryable SERVICE_UNAVAILABLE code (and `data.reconnect`), on
 *   which tRPC's httpSubscriptionLink reconnects. Never a silent cut.
 */
export async function* mappedStream<T>(
  ctx: Pick<AppContext, "signal" | "shutdown">,
  open: (signal: AbortSignal | undefined) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const { shutdown } = ctx;
  const signals = [ctx.signal, shutdown].filter((s): s is AbortSignal => s !== undefined);
  const events = open(signals.length > 1 ? AbortSignal.any(signals) : signals[0]);
  // The race below also ends a stream whose service is waiting on something that does not watch the signal.
  let onStop: (() => void) | undefined;
  const stopping = new Promise<typeof STOPPING>((resolve) => {
    onStop = () => resolve(STOPPING);
    if (shutdown?.aborted) resolve(STOPPING);
    else shutdown?.addEventListener("abort", onStop, { once: true });
  });
  let awaitingService = false;
  try {
    for (;;) {
      awaitingService = true;
      const next = await Promise.race([events.next(), stopping]);
      if (next === STOPPING) throw new ServerStoppingError();
      awaitingService = false;
      if (next.done) return;
      yield next.value;
    }
  } catch (error) {
    if (shutdown?.aborted && !ctx.signal?.aborted) throw toTRPCError(new ServerStoppingError());
    if (error instanceof CancelledError) return;
    const domain = asDomainError(error);
    throw domain instanceof DomainError ? toTRPCError(domain) : error;
  } finally {
    if (onStop) shutdown?.removeEventListener("abort", onStop);
    // Ends the service's generator (its `finally` releases quota and records usage). One still awaiting its
    // upstream is ended by the aborted signal instead; `return()` would only queue behind that await.
    if (awaitingService) void events.return(undefined).catch(() => undefined);
    else await events.return(undefined);
  }
}
