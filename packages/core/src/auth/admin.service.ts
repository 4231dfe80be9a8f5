import type { Role, User } from "@sous/schemas";
import { isUuid, packCursor, unpackCursor } from "../cursor.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import type { UnitOfWork } from "../repositories.js";
import { toUser } from "./user-dto.js";

export interface UserPage {
  items: User[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/**
 * Account administration. Every call re-reads the actor's role from the database: the role inside an access
 * token may be up to 15 minutes old, and a demoted admin must lose access at once.
 */
export interface AdminService {
  listUsers(actorId: string, input: { cursor?: string | undefined; limit: number }): Promise<UserPage>;
  /**
   * Refuses (CONFLICT) to demote the last admin, whoever asks: a deployment must never lock itself out.
   * Admins lock each other's rows while checking, so two admins demoting each other cannot both succeed.
   */
  setRole(actorId: string, input: { userId: string; role: Role }): Promise<User>;
}

// The cursor is the id of the last row seen; the repository compares (created_at, id) in SQL.
const encodeCursor = (id: string) => packCursor([id]);

function decodeCursor(cursor: string): string {
  const [id] = unpackCursor(cursor) ?? [];
  if (!isUuid(id)) throw new ValidationError("Invalid cursor");
  return id;
}

export function createAdminService(deps: { uow: UnitOfWork }): AdminService {
  const { uow } = deps;

  async function assertAdmin(actorId: string): Promise<void> {
    const actor = await uow.repos.users.findById(actorId);
    if (actor?.role !== "admin") throw new ForbiddenError("Admins only");
  }

  return {
    async listUsers(actorId, { cursor, limit }) {
      await assertAdmin(actorId);
      const afterId = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await uow.repos.users.listNewestFirst({ limit: limit + 1, afterId });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page.map(toUser), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
    },

    async setRole(actorId, { userId, role }) {
      return uow.transaction(async (repos) => {
        const admins = await repos.users.lockAdmins();
        if (!admins.includes(actorId)) throw new ForbiddenError("Admins only");
        const target = await repos.users.findById(userId);
        if (!target) throw new NotFoundError("User");
        if (target.role === role) return toUser(target);
        if (role === "user" && admins.length <= 1) throw new ConflictError("The last admin cannot be demoted");
        const updated = await repos.users.setRole(userId, role);
        if (!updated) throw new NotFoundError("User");
        return toUser(updated);
      });
    },
  };
}
