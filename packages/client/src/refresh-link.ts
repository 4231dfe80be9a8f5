/**
 * A tRPC link that makes an expired access token invisible: a call answered UNAUTHORIZED is retried once
 * after the credentials refresh. Retrying is safe for mutations too, because the server refuses credentials
 * before a procedure runs. A call that fails again, or whose refresh fails, surfaces its original error.
 * The one refresh link: the `sous` client uses it over its own credentials, the web app over its session store.
 */
import type { Operation, TRPCLink } from "@trpc/client";
import type { AppRouter } from "@sous/api";
import { observable, type Unsubscribable } from "@trpc/server/observable";
import { isUnauthorized } from "./errors.js";

/** Whoever holds the session: the client's credentials, or the web app's session store. */
export interface RefreshSource {
  /** Counts successful refreshes: a call refused before the latest one just retries with the new token. */
  generation(): number;
  /** False when nothing could refresh (no refresh token, or no session at all). */
  canRefresh(): boolean;
  /** Resolves true once a fresh access token is held. Single-flight: refused calls share one refresh. */
  refresh(): Promise<boolean>;
}

/** Their UNAUTHORIZED is about the credential they carry in their input, not an expired access token. */
const SESSION_PROCEDURES = new Set(["auth.signInWithGoogle", "auth.signInDev", "auth.refresh", "auth.signOut"]);

export function refreshLink(credentials: RefreshSource): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const sentAfter = credentials.generation();
        // A stream that already delivered data is not replayed: its consumer would see events twice.
        let delivered = false;
        let closed = false;
        let current: Unsubscribable = next(op).subscribe({
          next(envelope) {
            if (envelope.result.type === undefined || envelope.result.type === "data") delivered = true;
            observer.next(envelope);
          },
          complete: () => observer.complete(),
          error(error) {
            if (delivered || !retryable(op) || !isUnauthorized(error)) return observer.error(error);
            const fresh = credentials.generation() !== sentAfter;
            if (!fresh && !credentials.canRefresh()) return observer.error(error);
            const ready = fresh ? Promise.resolve(true) : credentials.refresh();
            ready.then(
              (ok) => {
                if (closed) return;
                if (!ok) return observer.error(error);
                current = next(op).subscribe(observer);
              },
              () => {
                if (!closed) observer.error(error);
              },
            );
          },
        });
        return () => {
          closed = true;
          current.unsubscribe();
        };
      });
}

function retryable(op: Operation): boolean {
  return !SESSION_PROCEDURES.has(op.path);
}
