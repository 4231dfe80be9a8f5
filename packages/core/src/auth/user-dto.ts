import type { UserRecord } from "@sous/db";
import type { User } from "@sous/schemas";

/** The public view of an account: no provider, no subject. */
export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    name: record.name,
    picture: record.picture,
    role: record.role,
    createdAt: record.createdAt,
  };
}
