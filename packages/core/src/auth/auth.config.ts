/** Account settings. Durations in seconds; unset ones take the defaults below. */
export interface AuthConfig {
  /** HS256 key for access tokens: at least 32 characters of secret material. */
  secret: string;
  /** `iss` and `aud` of access tokens. */
  issuer?: string;
  audience?: string;
  accessTokenTtlSeconds?: number;
  /** Absolute lifetime of a sign-in (its refresh-token family); rotation never extends it. */
  refreshAbsoluteTtlSeconds?: number;
  /** A refresh token unused this long is dead. */
  refreshIdleTtlSeconds?: number;
  /**
   * Presenting a rotated refresh token again revokes its whole family (it may have been stolen). Within this
   * many seconds of the rotation a second presentation is only refused, not treated as theft, so that two
   * tabs refreshing at once do not sign the user out. 0 (the default) is strict.
   */
  refreshReuseGraceSeconds?: number;
  /** Enables `auth.signInDev` (any email, no password): never in production. */
  devLogin: boolean;
  google: {
    /** OAuth client id: the required audience of ID tokens. Unset: Google sign-in answers FORBIDDEN. */
    clientId?: string | undefined;
    /** Where Google's PEM certificates are fetched; a loopback server in tests. */
    certsUrl?: string | undefined;
  };
  /** Accounts signing in with one of these (verified) emails become admins: how the first admin appears. */
  adminEmails?: readonly string[];
}

export type ResolvedAuthConfig = Required<Omit<AuthConfig, "google" | "adminEmails">> & {
  google: AuthConfig["google"];
  adminEmails: ReadonlySet<string>;
};

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export function resolveAuthConfig(config: AuthConfig): ResolvedAuthConfig {
  if (config.secret.length < 32) throw new Error("auth.secret must be at least 32 characters");
  return {
    secret: config.secret,
    issuer: config.issuer ?? "sous",
    audience: config.audience ?? "sous-api",
    accessTokenTtlSeconds: config.accessTokenTtlSeconds ?? 15 * MINUTE,
    refreshAbsoluteTtlSeconds: config.refreshAbsoluteTtlSeconds ?? 30 * DAY,
    refreshIdleTtlSeconds: config.refreshIdleTtlSeconds ?? 7 * DAY,
    refreshReuseGraceSeconds: config.refreshReuseGraceSeconds ?? 0,
    devLogin: config.devLogin,
    google: config.google,
    adminEmails: new Set((config.adminEmails ?? []).map((email) => email.trim().toLowerCase())),
  };
}
