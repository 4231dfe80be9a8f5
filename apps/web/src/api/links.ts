/**
 * The tRPC client's links: calls go batched over HTTP, subscriptions over server-sent events, both carrying
 * the in-memory access token. A call answered UNAUTHORIZED while a token was sent refreshes the session once
 * and is retried once; a second refusal reaches the caller.
 */
import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { sessionStore } from "../auth/session-store.js";
import { env } from "../env.js";
import { isUnauthorized } from "./errors.js";
import type { AppRouter } from "./trpc.js";

function authorization(): Record<string, string> {
  const token = sessionStore.getAccessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Same origin in production; `include` also keeps the refresh cookie flowing if the API moves origin. */
const withCredentials: typeof fetch = (input, init) => fetch(input, { ...init, credentials: "include" });

/** Refresh-and-retry once on UNAUTHORIZED; the auth procedures themselves are never retried. */
const refreshOnUnauthorized: TRPCLink<AppRouter> = () => ({ op, next }) =>
  observable((observer) => {
    let closed = false;
    let subscription = next(op).subscribe({
      next: (value) => observer.next(value),
      complete: () => observer.complete(),
      error: (error) => {
        const retryable =
          op.type !== "subscription" && !op.path.startsWith("auth.") && sessionStore.getAccessToken() !== null;
        if (!retryable || !isUnauthorized(error)) return observer.error(error);
        void sessionStore.refresh().then((ok) => {
          if (closed) return;
          if (!ok) return observer.error(error);
          subscription = next(op).subscribe(observer);
        });
      },
    });
    return () => {
      closed = true;
      subscription.unsubscribe();
    };
  });

export function createLinks(): TRPCLink<AppRouter>[] {
  return [
    refreshOnUnauthorized,
    splitLink({
      condition: (op) => op.type === "subscription",
      // The browser's own EventSource cannot send headers; this one takes a fetch that adds the token.
      true: httpSubscriptionLink({
        url: env.trpcUrl,
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: async (url, init) => {
            await sessionStore.ensureFresh();
            return withCredentials(url, { ...init, headers: { ...init.headers, ...authorization() } });
          },
        }),
      }),
      false: httpBatchLink({
        url: env.trpcUrl,
        transformer: superjson,
        maxItems: 10,
        fetch: withCredentials,
        headers: async () => {
          await sessionStore.ensureFresh();
          return authorization();
        },
      }),
    }),
  ];
}
