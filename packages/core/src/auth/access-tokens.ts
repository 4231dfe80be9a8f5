import { randomUUID, webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { Role, Uuid } from "@sous/schemas";
import { UnauthorizedError } from "../errors.js";
import type { Principal } from "../principal.js";
import { withVerifiedTokenCache } from "./verified-token-cache.js";

/**
 * Short-lived access tokens: HS256 JWTs with `typ: at+jwt` (RFC 9068), so an ID token or any other JWT signed
 * elsewhere can never pass for one. They are stateless: a revoked session's access tokens live out their
 * 15 minutes; role changes are re-checked against the database by the admin service.
 */
export interface AccessTokens {
  issue(user: { id: string; role: Role }): Promise<{ token: string; issuedAt: Date; expiresAt: Date }>;
  /** Throws UnauthorizedError for anything but a valid, unexpired token of ours. */
  verify(token: string): Promise<Principal>;
}

const ALG = "HS256";
const TYP = "at+jwt";

export function createAccessTokens(options: {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clock: () => Date;
}): AccessTokens {
  // Imported once: given raw bytes, jose imports a CryptoKey on every call, which costs each request as much
  // as the signature check itself.
  const key = webcrypto.subtle.importKey("raw", new TextEncoder().encode(options.secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  // A token is stateless (nothing but `exp` can end it): checked once, it is remembered until it expires.
  const verifyOnce = withVerifiedTokenCache(
    async (token) => {
      const { payload } = await jwtVerify(token, await key, {
        algorithms: [ALG],
        typ: TYP,
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ["sub", "exp", "iat", "jti"],
        currentDate: options.clock(),
      });
      const role = Role.safeParse(payload.role);
      // `sub` is a users.id: anything but a UUID cannot name a user (and would reach Postgres as a bad uuid).
      if (!role.success || typeof payload.sub !== "string" || !Uuid.safeParse(payload.sub).success) {
        throw new Error("malformed claims");
      }
      const principal: Principal = Object.freeze({ userId: payload.sub, role: role.data, via: "access-token" });
      return { value: principal, expiresAtSeconds: payload.exp };
    },
    { clock: options.clock },
  );
  return {
    async issue(user) {
      const now = Math.floor(options.clock().getTime() / 1000);
      const exp = now + options.ttlSeconds;
      const token = await new SignJWT({ role: user.role })
        .setProtectedHeader({ alg: ALG, typ: TYP })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(user.id)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(await key);
      return { token, issuedAt: new Date(now * 1000), expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      try {
        return await verifyOnce(token);
      } catch (error) {
        const reason = error instanceof errors.JOSEError ? error.code : "ERR_MALFORMED";
        throw new UnauthorizedError(undefined, new Error(`access token rejected: ${reason}`));
      }
    },
  };
}
