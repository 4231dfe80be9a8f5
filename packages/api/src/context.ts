/**
 * The tRPC context: everything a procedure may know about its request, as an explicit interface. The HTTP
 * adapter (apps/server) builds it from the request; tests build it directly. No req/res in here.
 */
import type { Principal, Services } from "@sous/core";

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  sameSite: "strict" | "lax";
  path: string;
  /** Omitted for a session cookie; 0 clears. */
  maxAgeSeconds?: number;
}

/** What a procedure may change about the response besides its body. */
export interface ResponseControls {
  setCookie(name: string, value: string, options: CookieOptions): void;
  clearCookie(name: string, options: CookieOptions): void;
  setHeader(name: string, value: string): void;
}

export interface AppContext {
  services: Services;
  /** The authenticated caller, or null when anonymous or the credential was not valid. */
  principal: Principal | null;
  /** True when a credential was sent but did not verify (protected procedures answer UNAUTHORIZED). */
  credentialRejected: boolean;
  requestId: string;
  /** Client address (X-Forwarded-For only when TRUST_PROXY is on). Keys rate limits of anonymous callers. */
  ip: string;
  cookies: Readonly<Record<string, string>>;
  response: ResponseControls;
  /** Aborted when the client goes away; passed on to upstream calls. */
  signal: AbortSignal | undefined;
}

export interface ContextInput {
  services: Services;
  /** The raw Authorization header, if any. */
  authorization: string | undefined;
  requestId: string;
  ip: string;
  cookies?: Readonly<Record<string, string>>;
  response?: ResponseControls;
  signal?: AbortSignal;
}
