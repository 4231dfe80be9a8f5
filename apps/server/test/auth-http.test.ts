import type { AppRouter } from "@sous/api";
import { databaseTargets } from "@sous/testkit";
import { createTRPCClient, httpLink, type TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_ORIGIN, startTestServer, type TestServer } from "./harness.js";

describe.each(databaseTargets())("accounts over HTTP on $name", (target) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ target });
  });
  afterAll(() => server.stop());

  it("is ready, and a dev sign-in followed by auth.me works through @trpc/client", async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const session = await server.client().auth.signInDev.mutate({ email: "Cook@Sous.test", transport: "body" });
    expect(session.accessTokenExpiresAt).toBeInstanceOf(Date); // superjson round trip
    expect(session.refreshToken).toEqual(expect.any(String));

    const me = await server.client({ authorization: `Bearer ${session.accessToken}` }).auth.me.query();
    expect(me).toMatchObject({ id: session.user.id, role: "user" });
    expect(me.email.toLowerCase()).toBe("cook@sous.test");
    expect(me.createdAt).toBeInstanceOf(Date);
  });

  it("answers UNAUTHORIZED for a missing or forged token", async () => {
    const anonymous = await server.client().auth.me.query().catch((e: unknown) => e);
    expect((anonymous as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    const forged = await server
      .client({ authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." })
      .auth.me.query()
      .catch((e: unknown) => e);
    expect((forged as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);
  });
});

describe("the refresh cookie", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  /** A browser-like client: sends the page's Origin and keeps the cookies the server sets. */
  function browser() {
    const jar = new Map<string, string>();
    const setCookies: string[] = [];
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          headers: () => ({ authorization: token ? `Bearer ${token}` : undefined }),
          fetch: async (input, init) => {
            const headers = new Headers(init?.headers);
            headers.set("origin", ALLOWED_ORIGIN);
            if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
            const response = await fetch(input, { ...init, headers });
            for (const line of response.headers.getSetCookie()) {
              setCookies.push(line);
              const [pair = ""] = line.split(";");
              const [name = "", value = ""] = pair.split("=");
              if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
              else jar.set(name, value);
            }
            return response;
          },
        }),
      ],
    });
    let token: string | undefined;
    return { client, jar, setCookies, useToken: (t: string | undefined) => (token = t) };
  }

  it("is set HttpOnly and SameSite on sign-in, rotates on refresh, and a replayed one revokes the sign-in", async () => {
    const page = browser();
    const session = await page.client.auth.signInDev.mutate({ email: "web@sous.test" });
    expect(session.refreshToken).toBeUndefined(); // the page never sees it
    const set = page.setCookies.at(-1) ?? "";
    expect(set).toMatch(/^sous_refresh=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/; HttpOnly/i);
    expect(set).toMatch(/; SameSite=Strict/i);
    expect(set).toMatch(/; Path=\/trpc/i);
    expect(set).toMatch(/; Max-Age=\d+/i);
    const first = page.jar.get("sous_refresh");

    page.useToken(undefined);
    const refreshed = await page.client.auth.refresh.mutate({});
    expect(refreshed.user.id).toBe(session.user.id);
    const second = page.jar.get("sous_refresh");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    page.useToken(refreshed.accessToken);
    expect((await page.client.auth.me.query()).id).toBe(session.user.id);

    // Replaying the rotated cookie is treated as theft: refused, and the whole family is revoked.
    const thief = browser();
    thief.jar.set("sous_refresh", first ?? "");
    const replay = await thief.client.auth.refresh.mutate({}).catch((e: unknown) => e);
    expect((replay as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    page.useToken(undefined);
    const afterTheft = await page.client.auth.refresh.mutate({}).catch((e: unknown) => e);
    expect((afterTheft as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });

  it("is cleared by sign-out, after which it no longer refreshes", async () => {
    const page = browser();
    await page.client.auth.signInDev.mutate({ email: "leaver@sous.test" });
    const cookie = page.jar.get("sous_refresh");
    await expect(page.client.auth.signOut.mutate({})).resolves.toEqual({ ok: true });
    expect(page.setCookies.at(-1)).toMatch(/^sous_refresh=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/i);
    expect(page.jar.has("sous_refresh")).toBe(false);

    page.jar.set("sous_refresh", cookie ?? "");
    const after = await page.client.auth.refresh.mutate({}).catch((e: unknown) => e);
    expect((after as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });
});
