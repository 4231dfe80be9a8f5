/**
 * Which ended streams come back. tRPC's httpSubscriptionLink reconnects after any 5xx-class error or dropped
 * connection and runs the subscription again; for a one-shot generation that means doing (and billing) it
 * again without the caller asking. This link lets it reconnect only when the server asked for it (a stream
 * ended by a server that is stopping: `data.reconnect`), a few times per subscription, and tolerates the
 * failed connection attempts while the server (or its replacement) comes back; any other error ends the
 * subscription with that error. A resumed stream starts over: `onStarted` fires again.
 */
import type { TRPCLink } from "@trpc/client";
import type { AppRouter } from "@sous/api";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import { isReconnectRequest } from "./errors.js";

/** Server-requested resumes of one subscription. */
const MAX_RESUMES = 3;
/** Failed connection attempts while resuming (the EventSource retries every 3 s): about 30 s. */
const MAX_ATTEMPTS = 10;

export function streamResumeLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        if (op.type !== "subscription") return next(op).subscribe(observer);
        let resumes = 0;
        let attempts = 0;
        let resuming = false;
        let ended = false;
        const handle: { subscription?: Unsubscribable } = {};
        handle.subscription = next(op).subscribe({
          next(envelope) {
            const { result } = envelope;
            if (result.type === "state" && result.state === "pending") resuming = false;
            if (result.type === "state" && result.state === "connecting" && result.error) {
              if (isReconnectRequest(result.error) && resumes < MAX_RESUMES) {
                resumes += 1;
                attempts = 0;
                resuming = true;
              } else if (!(resuming && ++attempts <= MAX_ATTEMPTS)) {
                // Error first: closing the SSE link below makes it complete, which must not win.
                ended = true;
                observer.error(result.error);
                handle.subscription?.unsubscribe();
                return;
              }
            }
            observer.next(envelope);
          },
          error(error) {
            if (!ended) observer.error(error);
          },
          complete() {
            if (!ended) observer.complete();
          },
        });
        // The error may arrive while subscribe() is still running, before `handle.subscription` is set.
        if (ended) handle.subscription.unsubscribe();
        return () => handle.subscription?.unsubscribe();
      });
}
