import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSousClient, errorCode, TRPCClientError, type Session } from "../src/index.js";
import { pathsOf, recordingFetch, signIn, startTestServer, type TestServer } from "./support/server.js";

const SECRET = "client-tests-secret-long-enough-for-hs256";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { AUTH_SECRET: SECRET } });
});
afterAll(() => server.stop());

/** An access token exactly like the server's, signed with its secret, that expired a minute ago. */
async function expiredAccessToken(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "user" })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setIssuer("sous")
    .setAudience("sous-api")
    .setSubject(userId)
    .setIssuedAt(now - 960)
    .setExpirationTime(now - 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(SECRET));
}

function sessionsSeen(): { sessions: Session[]; onSession: (session: Session) => void } {
  const sessions: Session[] = [];
  return { sessions, onSession: (session) => sessions.push(session) };
}

describe("refresh-and-retry on UNAUTHORIZED", () => {
  it("refreshes an expired access token once, retries the call and keeps the rotated tokens", async () => {
    const session = await signIn(server.url, "expired@sous.test");
    const expired = await expiredAccessToken(session.user.id);
    // The server really refuses it: the retry below is not a formality.
    await expect(createSousClient({ url: server.url, token: expired }).auth.me.query()).rejects.toSatisfy(
      (error) => errorCode(error) === "UNAUTHORIZED",
    );
    const { fetch, requests } = recordingFetch();
    const { sessions, onSession } = sessionsSeen();
    const client = createSousClient({ url: server.url, token: expired, refreshToken: session.refreshToken, fetch, onSession });

    const me = await client.auth.me.query();

    expect(me.email).toBe("expired@sous.test");
    expect(requests.map((r) => [pathsOf(r)[0], r.status])).toEqual([
      ["auth.me", 401],
      ["auth.refresh", 200],
      ["auth.me", 200],
    ]);
    expect(sessions).toHaveLength(1);
    const rotated = sessions[0]!;
    expect(rotated.refreshToken).toBeDefined();
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(rotated.accessTokenExpiresAt).toBeInstanceOf(Date);
    expect(requests[2]?.authorization).toBe(`Bearer ${rotated.accessToken}`);

    // Later calls use the new access token without refreshing again.
    await client.saved.list.query({});
    expect(requests).toHaveLength(4);
    expect(requests[3]?.authorization).toBe(`Bearer ${rotated.accessToken}`);

    // The client now holds the rotated refresh token: it still works, the first one is spent.
    const again = await createSousClient({ url: server.url }).auth.refresh.mutate({ refreshToken: rotated.refreshToken });
    expect(again.user.id).toBe(session.user.id);
  });

  it("retries a mutation after refreshing a token that never was valid", async () => {
    const session = await signIn(server.url, "garbage@sous.test");
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: "not-a-token", refreshToken: session.refreshToken, fetch });

    const created = await client.auth.apiTokens.create.mutate({ name: "after refresh" });

    expect(created.name).toBe("after refresh");
    expect(requests.map((r) => r.status)).toEqual([401, 200, 200]);
    // Exactly one token was made: the refused first attempt never ran the procedure.
    const tokens = await client.auth.apiTokens.list.query();
    expect(tokens.map((t) => t.name)).toEqual(["after refresh"]);
  });

  it("shares one refresh between calls refused at the same time", async () => {
    const session = await signIn(server.url, "concurrent@sous.test");
    const { fetch, requests } = recordingFetch();
    const { sessions, onSession } = sessionsSeen();
    const client = createSousClient({ url: server.url, token: "stale", refreshToken: session.refreshToken, fetch, onSession });

    // A query batch and a mutation batch: two requests refused independently, one refresh.
    const [me, tokens, created] = await Promise.all([
      client.auth.me.query(),
      client.auth.apiTokens.list.query(),
      client.auth.apiTokens.create.mutate({ name: "concurrent" }),
    ]);

    expect(me.email).toBe("concurrent@sous.test");
    expect(tokens).toEqual(expect.any(Array));
    expect(created.name).toBe("concurrent");
    expect(sessions).toHaveLength(1);
    expect(requests.filter((r) => pathsOf(r)[0] === "auth.refresh")).toHaveLength(1);
    expect(requests.filter((r) => r.status === 401)).toHaveLength(2);
  });

  it("surfaces the original UNAUTHORIZED when the refresh token was revoked, and stops trying it", async () => {
    const session = await signIn(server.url, "revoked@sous.test");
    await createSousClient({ url: server.url }).auth.signOut.mutate({ refreshToken: session.refreshToken });
    const { fetch, requests } = recordingFetch();
    const { sessions, onSession } = sessionsSeen();
    const client = createSousClient({ url: server.url, token: "stale", refreshToken: session.refreshToken, fetch, onSession });

    const error = await client.auth.me.query().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(errorCode(error)).toBe("UNAUTHORIZED");
    expect((error as TRPCClientError<never>).message).toBe("The credentials are invalid or expired");
    expect(requests.map((r) => [pathsOf(r)[0], r.status])).toEqual([
      ["auth.me", 401],
      ["auth.refresh", 401],
    ]);
    expect(sessions).toEqual([]);

    // The dead refresh token is dropped: the next refusal comes straight back.
    await expect(client.auth.me.query()).rejects.toSatisfy((e) => errorCode(e) === "UNAUTHORIZED");
    expect(requests).toHaveLength(3);
  });

  it("without a refresh token, an UNAUTHORIZED reaches the caller after one request", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: "stale", fetch });

    await expect(client.saved.list.query({})).rejects.toSatisfy((e) => errorCode(e) === "UNAUTHORIZED");
    expect(requests).toHaveLength(1);
  });

  it("never retries the session procedures themselves", async () => {
    const session = await signIn(server.url, "session-procs@sous.test");
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, refreshToken: session.refreshToken, fetch });

    await expect(client.auth.refresh.mutate({ refreshToken: "x".repeat(43) })).rejects.toSatisfy(
      (e) => errorCode(e) === "UNAUTHORIZED",
    );
    expect(requests.map((r) => pathsOf(r)[0])).toEqual(["auth.refresh"]);
  });
});

describe("API tokens", () => {
  it("authenticate the client as their owner, and stop working once revoked", async () => {
    const session = await signIn(server.url, "tools@sous.test");
    const owner = createSousClient({ url: server.url, token: session.accessToken });
    const { id, token } = await owner.auth.apiTokens.create.mutate({ name: "ci script", expiresInDays: 30 });
    expect(token).toMatch(/^sous_/);

    const tool = createSousClient({ url: server.url, token });
    const me = await tool.auth.me.query();
    expect(me.id).toBe(session.user.id);
    const listed = await owner.auth.apiTokens.list.query();
    expect(listed.find((t) => t.id === id)?.lastUsedAt).toBeInstanceOf(Date);

    await owner.auth.apiTokens.revoke.mutate({ id });
    await expect(tool.auth.me.query()).rejects.toSatisfy((e) => errorCode(e) === "UNAUTHORIZED");
  });
});
