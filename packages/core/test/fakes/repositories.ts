import { randomUUID } from "node:crypto";
import type { ApiTokenRecord, RefreshTokenRecord, SessionFamilyRecord, UserRecord } from "@sous/db";
import type { Repositories, UnitOfWork } from "../../src/repositories.js";

/**
 * In-memory repositories with the same contracts as @sous/db's (see their interface docs), for unit tests of
 * service rules. `transaction` runs the function on a copy of the state and keeps it only on success, like a
 * rollback; concurrency is not modelled (the api tests cover that on real databases).
 */
export function createFakeUnitOfWork(clock: () => Date = () => new Date()) {
  let state = {
    users: new Map<string, UserRecord>(),
    families: new Map<string, SessionFamilyRecord>(),
    tokens: new Map<string, RefreshTokenRecord & { tokenHash: string }>(),
    apiTokens: new Map<string, ApiTokenRecord & { tokenHash: string }>(),
  };
  const writes: string[] = [];

  // Only the account repositories are faked; services of other slices are not tested through this.
  const accounts: Pick<Repositories, "users" | "sessions" | "apiTokens"> = {
    users: {
      async upsertIdentity(input) {
        const existing = [...state.users.values()].find(
          (u) => u.provider === input.provider && u.subject === input.subject,
        );
        const user: UserRecord = existing
          ? { ...existing, email: input.email, name: input.name ?? existing.name, picture: input.picture ?? existing.picture }
          : { id: randomUUID(), role: "user", createdAt: clock(), updatedAt: clock(), ...input };
        state.users.set(user.id, user);
        return { ...user };
      },
      findById: async (id) => state.users.get(id),
      async setRole(id, role) {
        const user = state.users.get(id);
        if (!user) return undefined;
        writes.push(`setRole:${id}:${role}`);
        state.users.set(id, { ...user, role });
        return { ...user, role };
      },
      lockAdmins: async () => [...state.users.values()].filter((u) => u.role === "admin").map((u) => u.id),
      async listNewestFirst({ limit, afterId }) {
        const sorted = [...state.users.values()].sort(
          (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
        );
        const start = afterId === undefined ? 0 : sorted.findIndex((u) => u.id === afterId) + 1;
        return sorted.slice(start, start + limit);
      },
    },
    sessions: {
      async createFamily({ userId, expiresAt }) {
        const family = { id: randomUUID(), userId, createdAt: clock(), expiresAt, revokedAt: null, revokedReason: null };
        state.families.set(family.id, family);
        return family;
      },
      findFamily: async (id) => state.families.get(id),
      async revokeFamily(id, reason, at) {
        const family = state.families.get(id);
        if (!family || family.revokedAt) return false;
        state.families.set(id, { ...family, revokedAt: at, revokedReason: reason });
        return true;
      },
      async insertToken({ familyId, tokenHash, idleExpiresAt }) {
        const token = { id: randomUUID(), familyId, tokenHash, createdAt: clock(), idleExpiresAt, rotatedAt: null };
        state.tokens.set(tokenHash, token);
        return token;
      },
      findToken: async (tokenHash) => state.tokens.get(tokenHash),
      async rotateToken(tokenHash, at) {
        const token = state.tokens.get(tokenHash);
        if (!token || token.rotatedAt) return undefined;
        state.tokens.set(tokenHash, { ...token, rotatedAt: at });
        return { ...token, rotatedAt: at };
      },
    },
    apiTokens: {
      async create({ userId, name, tokenHash, expiresAt }) {
        const token = { id: randomUUID(), userId, name, tokenHash, createdAt: clock(), lastUsedAt: null, expiresAt, revokedAt: null };
        state.apiTokens.set(token.id, token);
        return token;
      },
      async findByHash(tokenHash) {
        const token = [...state.apiTokens.values()].find((t) => t.tokenHash === tokenHash);
        const owner = token && state.users.get(token.userId);
        return token && owner && { ...token, ownerRole: owner.role };
      },
      listUnrevoked: async (userId) =>
        [...state.apiTokens.values()].filter((t) => t.userId === userId && !t.revokedAt).reverse(),
      countUnrevoked: async (userId) =>
        [...state.apiTokens.values()].filter((t) => t.userId === userId && !t.revokedAt).length,
      async revoke({ id, userId, at }) {
        const token = state.apiTokens.get(id);
        if (!token || token.userId !== userId || token.revokedAt) return false;
        state.apiTokens.set(id, { ...token, revokedAt: at });
        return true;
      },
      async touch({ id, at, staleBefore }) {
        const token = state.apiTokens.get(id);
        if (!token || (token.lastUsedAt && token.lastUsedAt >= staleBefore)) return;
        writes.push(`touch:${id}`);
        state.apiTokens.set(id, { ...token, lastUsedAt: at });
      },
    },
  };
  const repos = accounts as Repositories;

  const uow: UnitOfWork = {
    repos,
    async transaction(fn) {
      const snapshot = {
        users: new Map(state.users),
        families: new Map(state.families),
        tokens: new Map(state.tokens),
        apiTokens: new Map(state.apiTokens),
      };
      try {
        return await fn(repos);
      } catch (error) {
        state = snapshot;
        throw error;
      }
    },
  };
  return { uow, writes, state: () => state };
}
