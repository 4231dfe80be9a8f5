/**
 * The tRPC context: everything a procedure may know about its request, as an explicit interface. The HTTP
 * adapter (apps/server) builds it from the request; tests build it directly. No req/res in here.
 */
import { DomainError, type Principal, type Services } from "@sous/core";

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
  /**
   * Why a credential could not be checked at all (the database is down): every procedure answers with it
   * (a 503) rather than serving the caller as anonymous. Undefined normally.
   */
  credentialFailure?: unknown;
  requestId: string;
  /** Client address (X-Forwarded-For only when TRUST_PROXY is on). Keys rate limits of anonymous callers. */
  ip: string;
  cookies: Readonly<Record<string, string>>;
  /** Whether cookies set for this request carry `Secure` (off only for plain-http localhost development). */
  secureCookies: boolean;
  response: ResponseControls;
  /**
   * The call's one abort signal: fires when the client goes away (queries, mutations and subscriptions
   * alike); passed on to upstream calls.
   */
  signal: AbortSignal | undefined;
  /** Fires when the server begins to stop: open subscriptions end with an error telling the client to reconnect. */
  shutdown: AbortSignal | undefined;
}

export interface ContextInput {
  services: Services;
  /** The raw Authorization header, if any. */
  authorization: string | undefined;
  requestId: string;
  ip: string;
  cookies?: Readonly<Record<string, string>>;
  /** Default true. */
  secureCookies?: boolean;
  /** Default: changes are dropped (callers without a response, e.g. scripts). */
  response?: ResponseControls;
  signal?: AbortSignal;
  shutdown?: AbortSignal;
}

const ignoreResponse: ResponseControls = { setCookie() {}, clearCookie() {}, setHeader() {} };

/**
 * Builds the context of one request. A Bearer credential (access token or `sous_` API token) is verified
 * here; one that does not verify leaves the caller anonymous with `credentialRejected` set, so public
 * procedures still answer and protected ones answer UNAUTHORIZED. Other failures (database down) are kept in
 * `credentialFailure` for the procedure guards to answer: an error thrown from here would reach the client
 * as a bare 500, past the domain-error mapping.
 */
export async function createContext(input: ContextInput): Promise<AppContext> {
  const { principal, credentialRejected, credentialFailure } = await resolvePrincipal(input.services, input.authorization);
  return {
    services: input.services,
    principal,
    credentialRejected,
    ...(credentialFailure === undefined ? {} : { credentialFailure }),
    requestId: input.requestId,
    ip: input.ip,
    cookies: input.cookies ?? {},
    secureCookies: input.secureCookies ?? true,
    response: input.response ?? ignoreResponse,
    signal: input.signal,
    shutdown: input.shutdown,
  };
}

async function resolvePrincipal(
  services: Services,
  authorization: string | undefined,
): Promise<{ principal: Principal | null; credentialRejected: boolean; credentialFailure?: unknown }> {
  if (!authorization) return { principal: null, credentialRejected: false };
  const credential = /^Bearer +([^\s]{1,4096})$/i.exec(authorization.trim())?.[1];
  if (!credential) return { principal: null, credentialRejected: true };
  try {
    return { principal: await services.auth.authenticate(credential), credentialRejected: false };
  } catch (error) {
    if (error instanceof DomainError && error.code === "UNAUTHORIZED") return { principal: null, credentialRejected: true };
    return { principal: null, credentialRejected: false, credentialFailure: error };
  }
}
