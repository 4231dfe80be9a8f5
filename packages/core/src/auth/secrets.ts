import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the CSPRNG, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Tokens are stored as SHA-256 only. A plain hash (no salt, no KDF) is enough: the input is 256 random bits,
 * so there is nothing to brute-force, and lookups stay a single indexed equality.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
