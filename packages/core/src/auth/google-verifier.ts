import { OAuth2Client } from "google-auth-library";
import { ForbiddenError, UnauthorizedError, UnavailableError } from "../errors.js";

export interface GoogleIdentity {
  /** Google's stable account id: the only thing accounts are keyed by. */
  subject: string;
  email: string;
  name: string | null;
  picture: string | null;
}

export interface GoogleVerifier {
  verify(idToken: string): Promise<GoogleIdentity>;
}

/** Google signs ID tokens with two issuer spellings; nothing else is accepted. */
const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];

/**
 * Verifies Google ID tokens with google-auth-library: signature against Google's rotating certificates
 * (fetched from `certsUrl`, cached per their Cache-Control), `aud` = our client id, issuer, `iat`/`exp`
 * (the library allows 5 minutes of clock skew). We add: RS256 only and a verified email.
 */
export function createGoogleVerifier(options: { clientId?: string | undefined; certsUrl?: string | undefined }): GoogleVerifier {
  const { clientId } = options;
  if (!clientId) {
    return {
      verify: () => Promise.reject(new ForbiddenError("Google sign-in is not configured on this server")),
    };
  }
  const client = new OAuth2Client({
    clientId,
    issuers: GOOGLE_ISSUERS,
    ...(options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } } : {}),
  });

  return {
    async verify(idToken) {
      try {
        // Fetched (or taken from cache) first so that an unreachable Google is a 503, not a bad token.
        await client.getFederatedSignonCertsAsync();
      } catch (error) {
        throw new UnavailableError("Google sign-in", error);
      }
      let payload;
      try {
        const ticket = await client.verifyIdToken({ idToken, audience: clientId });
        if (algOf(ticket.getEnvelope()) !== "RS256") throw new Error("unexpected alg");
        payload = ticket.getPayload();
      } catch (error) {
        throw new UnauthorizedError("Google ID token rejected", new Error(`Google ID token rejected: ${reasonOf(error)}`));
      }
      if (!payload?.sub || !payload.email) throw new UnauthorizedError("Google ID token rejected");
      if (payload.email_verified !== true) throw new UnauthorizedError("Google account email is not verified");
      return {
        subject: payload.sub,
        email: payload.email,
        name: payload.name ?? null,
        picture: payload.picture ?? null,
      };
    },
  };
}

/** The library's messages embed the whole token after a colon; keep only the reason for logs. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(":")[0]?.slice(0, 120) ?? "unknown";
}

/** The library types the envelope as a string, but hands back the parsed JOSE header. */
function algOf(envelope: unknown): unknown {
  return typeof envelope === "object" && envelope !== null ? (envelope as { alg?: unknown }).alg : undefined;
}
