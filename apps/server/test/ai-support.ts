import type { AppRouter } from "@sous/api";
import type { Recipe } from "@sous/schemas";
import type { FakeGemini, FakeOpenAI } from "@sous/testkit";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type HTTPHeaders } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";

/** Env that points a test server's Gemini provider at the loopback fake. */
export function geminiEnv(fake: FakeGemini, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GEMINI_API_KEY: "test-key",
    GEMINI_BASE_URL: fake.url,
    GEMINI_MODEL: "gemini-test",
    GEMINI_TIMEOUT_MS: "5000",
    AI_REQUESTS_PER_DAY_ANONYMOUS: "1000000",
    AI_CONCURRENCY_PER_CALLER: "1000",
    ...extra,
  };
}

/**
 * A client as the web app builds it: subscriptions over SSE (httpSubscriptionLink; Node 20 has no global
 * EventSource, so the `eventsource` package provides it), everything else over httpLink; superjson both ways.
 */
export function streamingClient(url: string, headers: HTTPHeaders = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: `${url}/trpc`, transformer: superjson, EventSource }),
        false: httpLink({ url: `${url}/trpc`, transformer: superjson, headers }),
      }),
    ],
  });
}

export interface Timed<T> {
  at: number;
  data: T;
}

/**
 * Subscribes and collects every event with the time it arrived; resolves when the server ends the stream,
 * rejects on an error. `onEvent` may unsubscribe early (then the promise resolves with what arrived).
 *
 * httpSubscriptionLink treats 5xx errors (BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT) as transient: it
 * reports them as a "connecting" state carrying the error and reconnects, which for a one-shot generation
 * would ask again. A client of generateStream or chat.stream therefore stops on such a state, as this does.
 */
export function collect<T>(
  subscribe: (handlers: {
    onData: (data: T) => void;
    onError: (error: unknown) => void;
    onComplete: () => void;
    onConnectionStateChange: (state: { state: string; error?: unknown }) => void;
  }) => { unsubscribe(): void },
  onEvent?: (event: T, stop: () => void) => void,
): Promise<Timed<T>[]> {
  return new Promise((resolve, reject) => {
    const events: Timed<T>[] = [];
    const subscription = subscribe({
      onData(data) {
        events.push({ at: performance.now(), data });
        onEvent?.(data, () => {
          subscription.unsubscribe();
          resolve(events);
        });
      },
      onError: reject,
      onComplete: () => resolve(events),
      onConnectionStateChange(state) {
        if (state.state !== "connecting" || !state.error) return;
        // May be called from inside subscribe(), before `subscription` exists: unsubscribe once it has returned.
        queueMicrotask(() => subscription.unsubscribe());
        reject(state.error);
      },
    });
  });
}

export const omelette: Recipe = {
  title: "French Omelette",
  summary: "A soft, rolled omelette cooked in butter over gentle heat.",
  cuisine: "French",
  servings: 1,
  prepMinutes: 5,
  cookMinutes: 3,
  difficulty: "medium",
  diets: ["vegetarian", "gluten-free"],
  allergens: ["eggs", "milk"],
  ingredients: [
    { name: "eggs", quantity: 3 },
    { name: "butter", quantity: 15, unit: "g" },
    { name: "salt", quantity: 1, unit: "pinch" },
    { name: "chives", quantity: 1, unit: "tbsp", note: "finely chopped" },
  ],
  steps: [
    "Beat the eggs with the salt until no streaks of white remain.",
    "Melt the butter in a non-stick pan over medium-low heat until it foams.",
    "Add the eggs and stir constantly with a spatula while shaking the pan, until just set but still glossy.",
    "Roll the omelette onto a warm plate and scatter with chives.",
  ],
  tips: ["Take it off the heat while it still looks slightly underdone: it keeps cooking."],
  nutrition: { calories: 310, proteinG: 19, carbsG: 1, fatG: 25 },
};

/** Env that makes a test server's provider the OpenAI-compatible one, pointed at the loopback fake. */
export function openaiEnv(fake: FakeOpenAI, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AI_PROVIDER: "openai",
    OPENAI_BASE_URL: fake.url,
    OPENAI_MODEL: "llama-test",
    OPENAI_TIMEOUT_MS: "30000",
    AI_REQUESTS_PER_DAY: "1000000",
    AI_REQUESTS_PER_DAY_ANONYMOUS: "1000000",
    AI_CONCURRENCY_PER_CALLER: "1000",
    ...extra,
  };
}

/** Like streamingClient, signed in: the bearer token rides on every request, subscriptions included. */
export function signedInStreamingClient(url: string, accessToken: string) {
  const authorization = `Bearer ${accessToken}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
          }),
        }),
        false: httpLink({ url: `${url}/trpc`, transformer: superjson, headers: { authorization } }),
      }),
    ],
  });
}
