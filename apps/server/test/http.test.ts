import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_ORIGIN, FOREIGN_ORIGIN, devSignIn, readError, startTestServer, type TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("probes", () => {
  it("GET /healthz answers ok without asking any dependency", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /readyz reports each dependency and answers 200 when all are up", async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { db: true, cache: true, ai: true },
      ai: { provider: "catalogue", model: "catalogue-v1" },
    });
  });
});

describe("request ids", () => {
  it("gives every response an id, keeps a sane incoming one and replaces anything else", async () => {
    const fresh = await fetch(`${server.url}/healthz`);
    expect(fresh.headers.get("x-request-id")).toMatch(UUID);

    const kept = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "lb-1234abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-1234abcd");

    const forged = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "x\" level=error msg=\"fake" } });
    expect(forged.headers.get("x-request-id")).toMatch(UUID);
  });

  it("logs one line per request with its id, method, path and status, and never the query string", async () => {
    const response = await fetch(`${server.url}/trpc/auth.me?input=secret-looking-input`);
    const id = response.headers.get("x-request-id");
    await expect.poll(() => server.logs.find((l) => l.requestId === id && l.msg === "request")).toMatchObject({
      method: "GET",
      path: "/trpc/auth.me",
      status: 401,
    });
    expect(JSON.stringify(server.logs)).not.toContain("secret-looking-input");
  });
});

describe("CORS and security headers", () => {
  it("answers a preflight from an allowed origin with that origin and credentials", async () => {
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "OPTIONS",
      headers: {
        origin: ALLOWED_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it("gives a foreign origin no Access-Control-Allow-Origin, on preflights and on plain requests", async () => {
    const preflight = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "OPTIONS",
      headers: { origin: FOREIGN_ORIGIN, "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const plain = await fetch(`${server.url}/healthz`, { headers: { origin: FOREIGN_ORIGIN } });
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = await fetch(`${server.url}/healthz`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });

  it("sends helmet's security headers and hides the framework", async () => {
    const response = await fetch(`${server.url}/trpc/auth.me`);
    const headers = response.headers;
    expect(headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
    expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(headers.get("x-powered-by")).toBeNull();
    expect(headers.get("cache-control")).toBe("no-store"); // API answers are never cached
    // Plain-http test server: no HSTS, no upgrade-insecure-requests (both would break http://localhost).
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect(headers.get("content-security-policy")).not.toContain("accounts.google.com");
  });

  it("lets the sign-in page load Google Identity Services when Google sign-in is configured", async () => {
    const google = await startTestServer({ env: { GOOGLE_CLIENT_ID: "client-1.apps.googleusercontent.com" } });
    try {
      const headers = (await fetch(`${google.url}/healthz`)).headers;
      const csp = headers.get("content-security-policy") ?? "";
      for (const directive of ["script-src", "frame-src", "connect-src"]) {
        expect(csp).toMatch(new RegExp(`${directive} 'self' https://accounts.google.com/gsi/`));
      }
      expect(csp).toContain("default-src 'self'");
      expect(headers.get("cross-origin-opener-policy")).toBe("same-origin-allow-popups");
    } finally {
      await google.stop();
    }
  });
});

describe("request limits", () => {
  const bigName = "x".repeat(150 * 1024);

  it("refuses a JSON body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: "big@sous.test", name: bigName } }),
    });
    expect(response.status).toBe(413);
    const error = await readError(response);
    expect(error.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect(error.data.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("refuses an oversized body streamed without Content-Length too", async () => {
    const chunks = [JSON.stringify({ json: { email: "big@sous.test", name: bigName } })];
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(response.headers.get("content-length")).not.toBeNull(); // the answer, not the request
    expect(response.status).toBe(413);
  });

  it("shows the limit to @trpc/client as a PAYLOAD_TOO_LARGE error", async () => {
    const error = await server
      .client()
      .auth.signInDev.mutate({ email: "big@sous.test", name: bigName })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
  });

  it("runs a batch of 20 calls and refuses a batch of 21 before running any", async () => {
    const { accessToken } = await devSignIn(server.url, "batch@sous.test");
    const client = server.client({ authorization: `Bearer ${accessToken}` }, { batch: true });
    const twenty = await Promise.all(Array.from({ length: 20 }, () => client.auth.me.query()));
    expect(twenty.every((user) => user.email === "batch@sous.test")).toBe(true);

    const results = await Promise.allSettled(Array.from({ length: 21 }, () => client.auth.me.query()));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const reason = (results[0] as PromiseRejectedResult).reason as TRPCClientError<never>;
    expect(reason.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
  });
});

describe("cross-site request forgery", () => {
  const users = () => server.db.db.selectFrom("users").select("email").execute();

  it.each([
    ["application/x-www-form-urlencoded", "email=csrf%40sous.test"],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\ncsrf@sous.test\r\n--x--'],
    ["text/plain", '{"json":{"email":"csrf@sous.test"}}'],
  ])("refuses a %s POST to tRPC with 415 and runs nothing", async (type, body) => {
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": type, origin: FOREIGN_ORIGIN },
      body,
    });
    expect(response.status).toBe(415);
    expect((await readError(response)).data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    expect((await users()).map((u) => u.email)).not.toContain("csrf@sous.test");
  });

  it.each([
    ["a charset other than UTF-8", { "content-type": "application/json; charset=latin1" }],
    ["a compressed body", { "content-type": "application/json", "content-encoding": "gzip" }],
  ])("refuses JSON in %s with 415 and runs nothing", async (_what, headers) => {
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers,
      body: JSON.stringify({ json: { email: "encoded@sous.test" } }),
    });
    expect(response.status).toBe(415);
    expect((await readError(response)).data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    expect((await users()).map((u) => u.email)).not.toContain("encoded@sous.test");
  });

  it("accepts JSON that names UTF-8 as its charset", async () => {
    const response = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: JSON.stringify({ json: { email: "utf8@sous.test", name: "Zoë" } }),
    });
    expect(response.status).toBe(200);
    const user = await server.db.db.selectFrom("users").select("name").where("email", "=", "utf8@sous.test").executeTakeFirst();
    expect(user?.name).toBe("Zoë");
  });

  it("refuses a POST without a content type", async () => {
    const response = await fetch(`${server.url}/trpc/auth.signOut`, { method: "POST" });
    expect(response.status).toBe(415);
  });

  it("refuses a cookie-carrying mutation from a foreign origin and leaves the session usable", async () => {
    const signIn = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ALLOWED_ORIGIN },
      body: JSON.stringify({ json: { email: "victim@sous.test" } }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^sous_refresh=.+/);

    const refresh = (headers: Record<string, string>) =>
      fetch(`${server.url}/trpc/auth.refresh`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, ...headers },
        body: JSON.stringify({ json: {} }),
      });

    const forged = await refresh({ origin: FOREIGN_ORIGIN });
    expect(forged.status).toBe(403);
    expect((await readError(forged)).data).toMatchObject({ code: "FORBIDDEN" });
    // No Origin, but the browser says the request is cross-site.
    expect((await refresh({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await refresh({ origin: "null" })).status).toBe(403);

    // The forged calls did not rotate the token: the real page can still refresh with it.
    const genuine = await refresh({ origin: ALLOWED_ORIGIN });
    expect(genuine.status).toBe(200);
  });
});

describe("error bodies", () => {
  it("carry the request id and a code, never a stack", async () => {
    const unauthorized = await fetch(`${server.url}/trpc/auth.me`, { headers: { "x-request-id": "req-unauth-1" } });
    expect(unauthorized.status).toBe(401);
    const text = await unauthorized.text();
    const body = JSON.parse(text) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, requestId: "req-unauth-1" });
    expect(text).not.toMatch(/stack|\.ts:\d+|node_modules/);

    const invalid = await fetch(`${server.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: "not-an-email" } }),
    });
    expect(invalid.status).toBe(400);
    const invalidText = await invalid.text();
    expect(invalidText).not.toMatch(/stack|\.ts:\d+|node_modules/);
    const error = (JSON.parse(invalidText) as { error: { json: { data: Record<string, unknown> } } }).error.json;
    expect(error.data.requestId).toBe(invalid.headers.get("x-request-id"));
    expect(error.data.zodError).toMatchObject({ fieldErrors: { email: expect.any(Array) } });
  });

  it("answers an unknown procedure with tRPC's NOT_FOUND and an unknown route with a JSON 404", async () => {
    const procedure = await fetch(`${server.url}/trpc/nope.nothing`);
    expect(procedure.status).toBe(404);
    expect((await readError(procedure)).data).toMatchObject({ code: "NOT_FOUND" });

    const route = await fetch(`${server.url}/no/such/page`);
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({
      error: { code: "NOT_FOUND", message: "Not found", requestId: route.headers.get("x-request-id") },
    });
  });
});
