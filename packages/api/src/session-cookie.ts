import type { IssuedSession } from "@sous/core";
import type { Session } from "@sous/schemas";
import type { AppContext, CookieOptions } from "./context.js";

export const REFRESH_COOKIE = "sous_refresh";
/**
 * The cookie goes only to tRPC calls. Not `/trpc/auth`: a cookie path matches a request path only at a "/"
 * boundary (RFC 6265 §5.1.4), and tRPC's paths are `/trpc/auth.refresh`, so that path would never match.
 */
export const REFRESH_COOKIE_PATH = "/trpc";

function cookieOptions(ctx: AppContext, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, secure: ctx.secureCookies, sameSite: "strict", path: REFRESH_COOKIE_PATH, maxAgeSeconds };
}

/**
 * Hands a session to the client: with `transport: "body"` the refresh token is in the answer (tools);
 * otherwise it goes into an HttpOnly cookie the page's scripts cannot read (web), living as long as the family.
 */
export function deliverSession(ctx: AppContext, issued: IssuedSession, transport: "cookie" | "body"): Session {
  const session: Session = {
    user: issued.user,
    accessToken: issued.accessToken,
    accessTokenExpiresAt: issued.accessTokenExpiresAt,
  };
  if (transport === "body") return { ...session, refreshToken: issued.refreshToken };
  const lifetime = Math.floor((issued.refreshTokenExpiresAt.getTime() - issued.issuedAt.getTime()) / 1000);
  ctx.response.setCookie(REFRESH_COOKIE, issued.refreshToken, cookieOptions(ctx, Math.max(0, lifetime)));
  return session;
}

export function clearSessionCookie(ctx: AppContext): void {
  ctx.response.clearCookie(REFRESH_COOKIE, cookieOptions(ctx, 0));
}

/** The refresh token a call presents: the input's, else the cookie's. */
export function presentedRefreshToken(ctx: AppContext, input: { refreshToken?: string | undefined } | undefined) {
  return { token: input?.refreshToken ?? ctx.cookies[REFRESH_COOKIE], fromCookie: input?.refreshToken === undefined };
}
