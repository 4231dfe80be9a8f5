/**
 * The signed-in session, held in memory only: the access token never touches storage, so a script injected
 * into the page cannot lift a long-lived credential. The refresh token is the HttpOnly `sous_refresh` cookie
 * the server sets; `auth.refresh` trades it for a new access token (and rotates it) when the page loads,
 * shortly before the access token expires, and once after an UNAUTHORIZED answer.
 *
 * Rotation makes a refresh single-use: two refreshes presenting the same cookie look like a stolen token and
 * end the session. So refreshes are single-flight in this tab and serialized across tabs with a Web Lock.
 */
import { isUnauthorized } from "@sous/client";
import type { Session, User } from "@sous/schemas";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../api/trpc.js";
import { env } from "../env.js";

export type SessionStatus = "restoring" | "signedIn" | "signedOut";

export interface SessionSnapshot {
  status: SessionStatus;
  user: User | null;
}

/** Refresh this long before the access token expires. */
const REFRESH_LEAD_MS = 60_000;
/** After a failed refresh that was not a refusal (offline, 5xx), try again after this long. */
const RETRY_MS = 30_000;
const LOCK_NAME = "sous-refresh";

let snapshot: SessionSnapshot = { status: "restoring", user: null };
let accessToken: string | null = null;
let expiresAt = 0;
/** Counts sessions accepted: the refresh link retries a call refused before the latest one without refreshing. */
let generation = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;
const listeners = new Set<() => void>();

// A plain client for the auth calls the store makes itself: no access token, the cookie does the work.
const authClient = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: env.trpcUrl,
      transformer: superjson,
      fetch: (url, init) => fetch(url, { ...init, credentials: "include" }),
    }),
  ],
});

// Other tabs share the cookie: when one signs out, every tab does; when one signs in, the others pick it up.
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("sous-session");
channel?.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (event.data === "signed-out") clear(false);
  // Fire and forget: refresh() never rejects; its outcome reaches the page through the snapshot.
  else if (event.data === "signed-in" && snapshot.status !== "signedIn") void refresh();
});

function publish(next: SessionSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

function schedule(delayMs: number): void {
  clearTimeout(timer);
  // Nobody waits on a timer: refresh() never rejects and reports through the snapshot.
  timer = setTimeout(() => void refresh(), Math.max(1_000, delayMs));
}

function clear(broadcast: boolean): void {
  clearTimeout(timer);
  accessToken = null;
  expiresAt = 0;
  publish({ status: "signedOut", user: null });
  if (broadcast) channel?.postMessage("signed-out");
}

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? locks.request(LOCK_NAME, work) : work();
}

/** One refresh at a time; resolves true when a fresh access token is held. */
function refresh(): Promise<boolean> {
  inFlight ??= withRefreshLock(async () => {
    try {
      acceptSession(await authClient.auth.refresh.mutate());
      return true;
    } catch (error) {
      if (isUnauthorized(error)) {
        clear(false);
      } else if (snapshot.status === "restoring") {
        publish({ status: "signedOut", user: null });
        schedule(RETRY_MS);
      } else {
        schedule(RETRY_MS); // keep the session; the token may still be valid for a while
      }
      return false;
    }
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

function acceptSession(session: Session): void {
  accessToken = session.accessToken;
  generation += 1;
  expiresAt = new Date(session.accessTokenExpiresAt).getTime();
  const lifetime = expiresAt - Date.now();
  // Short-lived tokens (tests, strict deployments) refresh at 80% of their life instead of a minute early.
  schedule(Math.max(lifetime - REFRESH_LEAD_MS, lifetime * 0.8));
  publish({ status: "signedIn", user: session.user });
}

export const sessionStore = {
  getSnapshot: (): SessionSnapshot => snapshot,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** The access token to send, or null when signed out. */
  getAccessToken: (): string | null => accessToken,

  /** How many sessions this tab has accepted (sign-ins and refreshes). */
  generation: (): number => generation,

  /** Restores a session from the refresh cookie. Runs once per page, however often it is called. */
  restore(): Promise<void> {
    restoring ??= refresh().then(() => undefined);
    return restoring;
  },

  /** A sign-in answered with a session. */
  signedIn(session: Session): void {
    acceptSession(session);
    channel?.postMessage("signed-in");
  },

  /** Refreshes now; true when it worked. Used after an UNAUTHORIZED answer. */
  refresh,

  /** Refreshes first when the token is about to expire (a tab asleep in the background misses its timer). */
  async ensureFresh(): Promise<void> {
    if (accessToken !== null && expiresAt - Date.now() < 10_000) await refresh();
  },

  /** Ends the session on the server (the whole token family) and here, in every tab. */
  async signOut(): Promise<void> {
    try {
      await authClient.auth.signOut.mutate();
    } finally {
      clear(true);
    }
  },
};
