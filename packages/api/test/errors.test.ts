import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { databaseTargets } from "@sous/testkit";
import { appRouter, createContext } from "../src/index.js";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";

// How errors look on the wire: the formatter only runs when an adapter answers, so these calls go through
// tRPC's fetch adapter (a real Request and Response, no server). The database does not matter here: the
// embedded one is enough.
const [embedded] = databaseTargets();

/** A mutation by POST; `query: true` sends a query by GET. */
async function post(h: Harness, path: string, input: unknown, headers: Record<string, string> = {}, query = false) {
  const encoded = JSON.stringify(superjson.serialize(input));
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    router: appRouter,
    req: query
      ? new Request(`http://localhost/trpc/${path}?input=${encodeURIComponent(encoded)}`, { headers })
      : new Request(`http://localhost/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: encoded,
        }),
    createContext: ({ req, resHeaders }) =>
      createContext({
        services: h.services,
        authorization: req.headers.get("authorization") ?? undefined,
        requestId: "req-42",
        ip: req.headers.get("x-test-ip") ?? "203.0.113.7",
        response: {
          setHeader: (name, value) => resHeaders.set(name, value),
          setCookie: () => {},
          clearCookie: () => {},
        },
      }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { error?: Parameters<typeof superjson.deserialize>[0] };
  const error = body.error
    ? superjson.deserialize<{ message: string; data: Record<string, unknown> }>(body.error)
    : { message: "", data: {} };
  return { status: response.status, headers: response.headers, text, error };
}

describe("error shape", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(embedded!, { rateLimitPoints: 3 });
  });
  afterAll(async () => {
    await h.close();
  });

  it("BAD_REQUEST carries the flattened zod errors and the request id, never a stack", async () => {
    const { status, error, text } = await post(h, "auth.signInDev", { email: "not-an-email", extra: 1 });
    expect(status).toBe(400);
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, requestId: "req-42" });
    const zodError = error.data.zodError as { fieldErrors: Record<string, string[]>; formErrors: string[] };
    expect(zodError.fieldErrors.email).toEqual(["Invalid email address"]);
    expect(zodError.formErrors.join(" ")).toMatch(/extra/);
    expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it("UNAUTHORIZED has no zodError and keeps its message", async () => {
    const { status, error } = await post(h, "auth.refresh", { refreshToken: "x".repeat(43) });
    expect(status).toBe(401);
    expect(error.data).toMatchObject({ code: "UNAUTHORIZED", zodError: null, requestId: "req-42" });
    expect(error.message).toBe("The session has ended; sign in again");
  });
});

describe("rate limit on every procedure", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(embedded!, { rateLimitPoints: 3 });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers 429 with data.retryAfterSeconds past the budget, per caller", async () => {
    const anonymous = (ip: string) => post(h, "auth.signOut", {}, { "x-test-ip": ip });
    for (let i = 0; i < 3; i += 1) expect((await anonymous("a")).status).toBe(200);
    const limited = await anonymous("a");
    expect(limited.status).toBe(429);
    expect(limited.error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", requestId: "req-42" });
    const retryAfter = limited.error.data.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The header is the HTTP layer's (apps/server sets it from the error's cause); the api adds none.
    expect(limited.headers.get("retry-after")).toBeNull();

    // A signed-in caller from the same address has a budget of its own (keyed by user id).
    const session = await h.services.auth.signInDev({ email: "limits@example.com" });
    const asUser = await h.call({ bearer: session.accessToken, ip: "203.0.113.7" });
    expect((await asUser.caller.auth.me()).email).toBe("limits@example.com");
    await asUser.caller.auth.me();
    await asUser.caller.auth.me();
    const error = await expectTrpcError(asUser.caller.auth.me(), "TOO_MANY_REQUESTS");
    expect((error.cause as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.cause?.name).toBe("RateLimitedError");
  });
});

describe("server errors", () => {
  it("a database that went away is a 503 with a retry hint and a generic message, not the driver's", async () => {
    const h = await createHarness(embedded!);
    const session = await h.services.auth.signInDev({ email: "outage@example.com" });
    await h.close(); // the database goes away under the running services
    const { status, error, text } = await post(h, "auth.apiTokens.list", undefined, {
      authorization: `Bearer ${session.accessToken}`,
    }, true);
    expect(status).toBe(503);
    expect(error.message).toBe("A service Sous depends on is unavailable");
    expect(error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", requestId: "req-42", retryAfterSeconds: 5 });
    expect(text).not.toMatch(/pglite|closed|select|stack/i);
  });

  it("an unreachable Google answers SERVICE_UNAVAILABLE, generically", async () => {
    const h = await createHarness(embedded!, {
      auth: { google: { clientId: "sous-test", certsUrl: "http://127.0.0.1:9/certs" } },
    });
    try {
      const { status, error, text } = await post(h, "auth.signInWithGoogle", { idToken: "a.b.c" });
      expect(status).toBe(503);
      expect(error.message).toBe("A service Sous depends on is unavailable");
      expect(text).not.toContain("127.0.0.1");
    } finally {
      await h.close();
    }
  });
});
