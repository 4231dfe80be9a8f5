/**
 * The credentials a client holds: the Bearer token it sends, and optionally a refresh token it may trade for a
 * new access token. Refreshes are single-flight: calls refused at the same time share one `auth.refresh`,
 * because presenting a rotated refresh token twice makes the server revoke the whole sign-in.
 */
import type { Session } from "@sous/schemas";
import { isUnauthorized } from "./errors.js";
import type { RefreshSource } from "./refresh-link.js";

export interface CredentialOptions {
  /** An access token or an API token, sent as `Authorization: Bearer …`. */
  token?: string | undefined;
  /** Asked before each request (and each stream connection); wins over `token` until the client refreshes. */
  getToken?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** A refresh token (from a sign-in with `transport: "body"`): enables refresh-and-retry on UNAUTHORIZED. */
  refreshToken?: string | undefined;
  /** Told about every session the client obtains by refreshing, e.g. to persist the rotated refresh token. */
  onSession?: ((session: Session) => void) | undefined;
}

export interface Credentials extends RefreshSource {
  /** The Bearer token to send now, if any. */
  bearer(): Promise<string | undefined>;
}

export function createCredentials(
  options: CredentialOptions,
  exchange: (refreshToken: string) => Promise<Session>,
): Credentials {
  // Set by a refresh; newer than anything `token` or `getToken` knows about.
  let refreshedAccessToken: string | undefined;
  let refreshToken = options.refreshToken;
  let generation = 0;
  let inFlight: Promise<boolean> | undefined;

  async function refreshOnce(): Promise<boolean> {
    if (!refreshToken) return false;
    let session: Session;
    try {
      session = await exchange(refreshToken);
    } catch (error) {
      // A refused refresh token is dead for good (expired, revoked or reused); an outage is not.
      if (isUnauthorized(error)) refreshToken = undefined;
      return false;
    }
    refreshedAccessToken = session.accessToken;
    refreshToken = session.refreshToken ?? refreshToken;
    generation += 1;
    options.onSession?.(session);
    return true;
  }

  return {
    async bearer() {
      if (refreshedAccessToken) return refreshedAccessToken;
      return options.getToken ? await options.getToken() : options.token;
    },
    generation: () => generation,
    canRefresh: () => refreshToken !== undefined,
    refresh: () =>
      (inFlight ??= refreshOnce().finally(() => {
        inFlight = undefined;
      })),
  };
}
