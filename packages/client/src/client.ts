/**
 * `createSousClient`: a typed tRPC client for internal tools. Calls go over `httpBatchLink` (calls made in
 * the same tick share one HTTP request), subscriptions over server-sent events, both with the Bearer token,
 * and a call refused with UNAUTHORIZED is refreshed and retried once when the client holds a refresh token.
 * A stream the server ends because it is stopping is resumed (stream-resume-link.ts); other stream errors end it.
 */
import type { AppRouter } from "@sous/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { createCredentials, type CredentialOptions } from "./credentials.js";
import { refreshLink } from "./refresh-link.js";
import { streamResumeLink } from "./stream-resume-link.js";

export type SousClient = TRPCClient<AppRouter>;

export interface SousClientOptions extends CredentialOptions {
  /** The Sous server, e.g. `http://localhost:3000` (the client adds `/trpc`). */
  url: string;
  /** Used for every request: calls, stream connections and refreshes. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Most calls per batched request. Default 20, the server's default `maxBatchSize`; never set it above the server's. */
  maxBatchItems?: number | undefined;
}

/** The server's default limit of calls in one batch (apps/server `DEFAULT_MAX_BATCH_SIZE`). */
const MAX_BATCH_ITEMS = 20;
/** Batched queries travel in the URL; Node's servers accept 16 KiB of request head. */
const MAX_URL_LENGTH = 8_000;

export function createSousClient(options: SousClientOptions): SousClient {
  const url = `${options.url.replace(/\/+$/, "")}/trpc`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Refreshes go around the retrying links: a refused refresh must not itself trigger a refresh.
  const sessionClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url, transformer: superjson, fetch: fetchImpl, headers: options.headers ?? {} })],
  });
  const credentials = createCredentials(options, (refreshToken) => sessionClient.auth.refresh.mutate({ refreshToken }));

  const headers = async (): Promise<Record<string, string>> => {
    const token = await credentials.bearer();
    return { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };

  return createTRPCClient<AppRouter>({
    links: [
      refreshLink(credentials),
      streamResumeLink(),
      splitLink({
        condition: (op) => op.type === "subscription",
        // Node has no EventSource and a browser's cannot send headers: this one takes a fetch that adds them.
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: async (input, init) => fetchImpl(input, { ...init, headers: { ...init.headers, ...(await headers()) } }),
          }),
        }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          fetch: fetchImpl,
          headers,
          maxItems: options.maxBatchItems ?? MAX_BATCH_ITEMS,
          maxURLLength: MAX_URL_LENGTH,
        }),
      }),
    ],
  });
}

