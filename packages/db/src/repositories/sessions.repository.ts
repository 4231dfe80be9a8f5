import type { Kysely, Selectable } from "kysely";
import type { Database, RefreshTokensTable, SessionFamiliesTable } from "../schema.js";

export interface SessionFamilyRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  createdAt: Date;
  idleExpiresAt: Date;
  rotatedAt: Date | null;
}

/** Session families (one per sign-in) and the refresh tokens rotated inside them. */
export interface SessionsRepository {
  createFamily(input: { userId: string; expiresAt: Date }): Promise<SessionFamilyRecord>;
  findFamily(id: string): Promise<SessionFamilyRecord | undefined>;
  /** Marks the family revoked unless it already is; true when this call revoked it. */
  revokeFamily(id: string, reason: string, at: Date): Promise<boolean>;
  insertToken(input: { familyId: string; tokenHash: string; idleExpiresAt: Date }): Promise<RefreshTokenRecord>;
  findToken(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Claims an unrotated token in one conditional UPDATE: of any number of concurrent callers exactly one gets
   * the row back, the others get undefined (the row lock makes them re-check `rotated_at` after the winner).
   */
  rotateToken(tokenHash: string, at: Date): Promise<RefreshTokenRecord | undefined>;
}

function toFamily(row: Selectable<SessionFamiliesTable>): SessionFamilyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
  };
}

function toToken(row: Omit<Selectable<RefreshTokensTable>, "token_hash">): RefreshTokenRecord {
  return {
    id: row.id,
    familyId: row.family_id,
    createdAt: row.created_at,
    idleExpiresAt: row.idle_expires_at,
    rotatedAt: row.rotated_at,
  };
}

const tokenColumns = ["id", "family_id", "created_at", "idle_expires_at", "rotated_at"] as const;

export function createSessionsRepository(db: Kysely<Database>): SessionsRepository {
  return {
    async createFamily({ userId, expiresAt }) {
      const row = await db
        .insertInto("session_families")
        .values({ user_id: userId, expires_at: expiresAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFamily(row);
    },

    async findFamily(id) {
      const row = await db.selectFrom("session_families").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toFamily(row);
    },

    async revokeFamily(id, reason, at) {
      const result = await db
        .updateTable("session_families")
        .set({ revoked_at: at, revoked_reason: reason })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async insertToken({ familyId, tokenHash, idleExpiresAt }) {
      const row = await db
        .insertInto("refresh_tokens")
        .values({ family_id: familyId, token_hash: tokenHash, idle_expires_at: idleExpiresAt })
        .returning(tokenColumns)
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async findToken(tokenHash) {
      const row = await db
        .selectFrom("refresh_tokens")
        .select(tokenColumns)
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async rotateToken(tokenHash, at) {
      const row = await db
        .updateTable("refresh_tokens")
        .set({ rotated_at: at })
        .where("token_hash", "=", tokenHash)
        .where("rotated_at", "is", null)
        .returning(tokenColumns)
        .executeTakeFirst();
      return row && toToken(row);
    },
  };
}
