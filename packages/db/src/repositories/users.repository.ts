import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, UsersTable } from "../schema.js";

export type UserRole = "user" | "admin";

export interface UserRecord {
  id: string;
  provider: string;
  subject: string;
  email: string;
  name: string | null;
  picture: string | null;
  role: UserRole;
  createdAt: Date;
  updatedAt: Date;
}

export interface UpsertIdentityInput {
  provider: string;
  subject: string;
  email: string;
  /** Null keeps the stored value (a later sign-in without a name does not erase it). */
  name: string | null;
  picture: string | null;
}

export interface UsersRepository {
  /** Creates the account for (provider, subject) or refreshes its profile; the identity never changes. */
  upsertIdentity(input: UpsertIdentityInput): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | undefined>;
  setRole(id: string, role: UserRole): Promise<UserRecord | undefined>;
  /** Ids of all admins, locked FOR UPDATE until the surrounding transaction ends. */
  lockAdmins(): Promise<string[]>;
  /** Newest first, keyset by (created_at, id); `afterId` is the last row of the previous page. */
  listNewestFirst(options: { limit: number; afterId?: string | undefined }): Promise<UserRecord[]>;
}

export function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    provider: row.provider,
    subject: row.subject,
    email: row.email,
    name: row.name,
    picture: row.picture,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createUsersRepository(db: Kysely<Database>): UsersRepository {
  return {
    async upsertIdentity(input) {
      const row = await db
        .insertInto("users")
        .values({
          provider: input.provider,
          subject: input.subject,
          email: input.email,
          name: input.name,
          picture: input.picture,
        })
        .onConflict((oc) =>
          oc.columns(["provider", "subject"]).doUpdateSet({
            email: (eb) => eb.ref("excluded.email"),
            name: sql<string | null>`coalesce(excluded.name, users.name)`,
            picture: sql<string | null>`coalesce(excluded.picture, users.picture)`,
            updated_at: sql<Date>`now()`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUserRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toUserRecord(row);
    },

    async setRole(id, role) {
      const row = await db
        .updateTable("users")
        .set({ role, updated_at: sql<Date>`now()` })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row && toUserRecord(row);
    },

    async lockAdmins() {
      const rows = await db.selectFrom("users").select("id").where("role", "=", "admin").forUpdate().execute();
      return rows.map((row) => row.id);
    },

    async listNewestFirst({ limit, afterId }) {
      let query = db.selectFrom("users").selectAll();
      if (afterId !== undefined) {
        // The cursor row's own timestamp is compared in SQL: a JS Date would drop the microseconds.
        query = query.where(
          sql<boolean>`(users.created_at, users.id) < (select c.created_at, c.id from users c where c.id = ${afterId})`,
        );
      }
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
      return rows.map(toUserRecord);
    },
  };
}
