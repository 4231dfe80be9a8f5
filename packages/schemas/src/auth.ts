import { z } from "zod";
import { text } from "./text.js";
import { Role } from "./enums.js";

export const Uuid = z.uuid();

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  picture: z.string().nullable(),
  role: Role,
  createdAt: z.date(),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  user: User,
  accessToken: z.string(),
  accessTokenExpiresAt: z.date(),
  refreshToken: z.string().optional(),
});
export type Session = z.infer<typeof Session>;

export const TokenTransport = z.enum(["cookie", "body"]);

export const SignInWithGoogleInput = z
  .object({ idToken: text().min(1).max(4096), transport: TokenTransport.optional() })
  .strict();

export const SignInDevInput = z
  .object({
    email: z.email().max(254),
    name: text().trim().min(1).max(80).optional(),
    transport: TokenTransport.optional(),
  })
  .strict();

/** Refresh tokens are 256-bit random values, base64url: 43 characters. */
export const RefreshInput = z.object({ refreshToken: text().min(1).max(128).optional() }).strict();

export const ApiTokenCreateInput = z
  .object({
    name: text().trim().min(1).max(80),
    expiresInDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const IdInput = z.object({ id: z.uuid() }).strict();

export const AdminUsersListInput = z
  .object({
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const AdminSetRoleInput = z.object({ userId: z.uuid(), role: Role }).strict();
