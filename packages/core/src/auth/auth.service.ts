import type { UpsertIdentityInput } from "@sous/db";
import type { User } from "@sous/schemas";
import { ForbiddenError, UnauthorizedError } from "../errors.js";
import type { Principal } from "../principal.js";
import type { UnitOfWork } from "../repositories.js";
import type { AccessTokens } from "./access-tokens.js";
import type { ApiTokenService } from "./api-tokens.service.js";
import type { ResolvedAuthConfig } from "./auth.config.js";
import type { GoogleVerifier } from "./google-verifier.js";
import { createLiveUsers } from "./live-users.js";
import type { RefreshSessions } from "./refresh-sessions.js";
import { toUser } from "./user-dto.js";

/** A session as core issues it; the api layer decides whether the refresh token goes in a cookie or the body. */
export interface IssuedSession {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  /** End of the sign-in's absolute lifetime. */
  refreshTokenExpiresAt: Date;
  /** When this was issued, by the service clock (cookie lifetimes are counted from it). */
  issuedAt: Date;
}

export interface AuthService {
  signInWithGoogle(idToken: string): Promise<IssuedSession>;
  signInDev(input: { email: string; name?: string | undefined }): Promise<IssuedSession>;
  refresh(refreshToken: string): Promise<IssuedSession>;
  signOut(refreshToken: string): Promise<void>;
  me(userId: string): Promise<User>;
  /** Resolves a Bearer credential: `sous_…` is an API token, anything else an access token. */
  authenticate(credential: string): Promise<Principal>;
}

export const API_TOKEN_PREFIX = "sous_";

export function createAuthService(deps: {
  uow: UnitOfWork;
  config: ResolvedAuthConfig;
  google: GoogleVerifier;
  accessTokens: AccessTokens;
  refreshSessions: RefreshSessions;
  apiTokens: ApiTokenService;
}): AuthService {
  const { uow, config, google, accessTokens, refreshSessions, apiTokens } = deps;
  // API tokens are looked up in the database on every call (and go with their user); access tokens are not.
  const liveUsers = createLiveUsers({ findById: (id) => uow.repos.users.findById(id) });

  async function session(user: User, refresh: { token: string; familyExpiresAt: Date }): Promise<IssuedSession> {
    const access = await accessTokens.issue(user);
    return {
      user,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.familyExpiresAt,
      issuedAt: access.issuedAt,
    };
  }

  /** Creates or updates the account and starts a session family, all or nothing. */
  async function signIn(identity: UpsertIdentityInput): Promise<IssuedSession> {
    const { user, refresh } = await uow.transaction(async (repos) => {
      let record = await repos.users.upsertIdentity(identity);
      if (record.role !== "admin" && config.adminEmails.has(record.email.toLowerCase())) {
        record = (await repos.users.setRole(record.id, "admin")) ?? record;
      }
      return { user: toUser(record), refresh: await refreshSessions.start(repos, record.id) };
    });
    return session(user, refresh);
  }

  return {
    async signInWithGoogle(idToken) {
      const identity = await google.verify(idToken);
      return signIn({ provider: "google", ...identity });
    },

    async signInDev({ email, name }) {
      if (!config.devLogin) throw new ForbiddenError("Dev sign-in is disabled on this server");
      const normalized = email.trim().toLowerCase();
      return signIn({ provider: "dev", subject: normalized, email: normalized, name: name ?? null, picture: null });
    },

    async refresh(refreshToken) {
      const rotated = await refreshSessions.rotate(refreshToken);
      const record = await uow.repos.users.findById(rotated.userId);
      if (!record) throw new UnauthorizedError();
      return session(toUser(record), rotated);
    },

    signOut: (refreshToken) => refreshSessions.revoke(refreshToken),

    async me(userId) {
      const record = await uow.repos.users.findById(userId);
      if (!record) throw new UnauthorizedError();
      return toUser(record);
    },

    async authenticate(credential) {
      if (credential.startsWith(API_TOKEN_PREFIX)) return apiTokens.authenticate(credential);
      const principal = await accessTokens.verify(credential);
      await liveUsers.assertExists(principal.userId);
      return principal;
    },
  };
}
