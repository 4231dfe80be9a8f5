/**
 * The real Sous server for the client's tests, started in-process on 127.0.0.1 and a free port by the
 * server's own test harness (embedded defaults: in-memory PGlite, the offline catalogue), plus the few
 * helpers every client test needs: a fetch that records requests, and a signed-in user.
 */
import { createSousClient, type Session } from "../../src/index.js";
import { startTestServer, type TestServer } from "@sous/server/test/harness";

export { startTestServer, type TestServer };

export interface RecordedRequest {
  method: string;
  url: URL;
  authorization: string | null;
  status: number;
}

/** A `fetch` that records every request it sends (method, URL, Authorization header) and its status. */
export function recordingFetch(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    requests.push({
      method: request.method,
      url: new URL(request.url),
      authorization: request.headers.get("authorization"),
      status: response.status,
    });
    return response;
  };
  return { fetch: recording, requests };
}

/** The tRPC paths one recorded request carried (a batch carries several). */
export function pathsOf(request: RecordedRequest): string[] {
  return request.url.pathname.replace(/^\/trpc\//, "").split(",");
}

/** Signs in with the dev sign-in, the refresh token in the body (how tools hold a session). */
export async function signIn(url: string, email: string): Promise<Session & { refreshToken: string }> {
  const session = await createSousClient({ url }).auth.signInDev.mutate({ email, transport: "body" });
  if (!session.refreshToken) throw new Error("a body-transport sign-in returned no refresh token");
  return { ...session, refreshToken: session.refreshToken };
}

/** A user with a fresh API token (`sous_…`), as the CLI gets one in SOUS_TOKEN. */
export async function apiTokenFor(url: string, email: string): Promise<{ token: string; userId: string }> {
  const session = await signIn(url, email);
  const client = createSousClient({ url, token: session.accessToken });
  const created = await client.auth.apiTokens.create.mutate({ name: "client tests" });
  return { token: created.token, userId: session.user.id };
}
