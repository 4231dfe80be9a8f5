import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { UserRole } from "./users.repository.js";

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** A token found by its hash, with what authenticating its owner needs. */
export interface ApiTokenWithOwner extends ApiTokenRecord {
  ownerRole: UserRole;
}

export interface ApiTokensRepository {
  create(input: { userId: string; name: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord>;
  findByHash(tokenHash: string): Promise<ApiTokenWithOwner | undefined>;
  /** Tokens not revoked (expired ones included), newest first. */
  listUnrevoked(userId: string): Promise<ApiTokenRecord[]>;
  countUnrevoked(userId: string): Promise<number>;
  /** Revokes the user's token; false when it does not exist, is someone else's or is already revoked. */
  revoke(input: { id: string; userId: string; at: Date }): Promise<boolean>;
  /** Sets last_used_at unless it is already later than `staleBefore` (throttles writes). */
  touch(input: { id: string; at: Date; staleBefore: Date }): Promise<void>;
}

const columns = ["id", "user_id", "name", "created_at", "last_used_at", "expires_at", "revoked_at"] as const;

interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

function toRecord(row: ApiTokenRow): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function createApiTokensRepository(db: Kysely<Database>): ApiTokensRepository {
  return {
    async create({ userId, name, tokenHash, expiresAt }) {
      const row = await db
        .insertInto("api_tokens")
        .values({ user_id: userId, name, token_hash: tokenHash, expires_at: expiresAt })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async findByHash(tokenHash) {
      const row = await db
        .selectFrom("api_tokens as t")
        .innerJoin("users as u", "u.id", "t.user_id")
        .select(["t.id", "t.user_id", "t.name", "t.created_at", "t.last_used_at", "t.expires_at", "t.revoked_at"])
        .select("u.role")
        .where("t.token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row && { ...toRecord(row), ownerRole: row.role };
    },

    async listUnrevoked(userId) {
      const rows = await db
        .selectFrom("api_tokens")
        .select(columns)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map(toRecord);
    },

    async countUnrevoked(userId) {
      const row = await db
        .selectFrom("api_tokens")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async revoke({ id, userId, at }) {
      const result = await db
        .updateTable("api_tokens")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async touch({ id, at, staleBefore }) {
      await db
        .updateTable("api_tokens")
        .set({ last_used_at: at })
        .where("id", "=", id)
        .where(sql<boolean>`(last_used_at is null or last_used_at < ${staleBefore})`)
        .execute();
    },
  };
}
