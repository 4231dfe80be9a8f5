/**
 * The tRPC client's links: calls go batched over HTTP, subscriptions over server-sent events, both carrying
 * the in-memory access token. A call answered UNAUTHORIZED while a token was sent refreshes the session once
 * and is retried once; a second refusal reaches the caller.
 */
import { refreshLink } from "@sous/client";
import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { sessionStore } from "../auth/session-store.js";
import { env } from "../env.js";
import type { AppRouter } from "./trpc.js";

function authorization(): Record<string, string> {
  const token = sessionStore.getAccessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Same origin in production; `include` also keeps the refresh cookie flowing if the API moves origin. */
const withCredentials: typeof fetch = (input, init) => fetch(input, { ...init, credentials: "include" });

/**
 * Refresh-and-retry once on UNAUTHORIZED: @sous/client's link over the session store. A token must have been
 * sent for a refresh to help; the sign-in procedures themselves are never retried.
 */
const refreshOnUnauthorized = refreshLink({
  generation: () => sessionStore.generation(),
  canRefresh: () => sessionStore.getAccessToken() !== null,
  refresh: () => sessionStore.refresh(),
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
