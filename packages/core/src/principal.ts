import type { Role } from "@sous/schemas";

/** Who is calling, as resolved from a Bearer credential (access token or API token). */
export interface Principal {
  userId: string;
  role: Role;
  via: "access-token" | "api-token";
}
