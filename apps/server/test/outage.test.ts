import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { omelette } from "./ai-support.js";
import { devSignIn, readError, startTestServer, type TestServer } from "./harness.js";

describe("when the database goes away", () => {
  let server: TestServer;
  let accessToken: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ accessToken } = await devSignIn(server.url, "outage@sous.test"));
    await server.db.close(); // as if Postgres died under a running server
  });
  afterAll(() => server.stop());

  it("readiness answers 503 naming the database, liveness stays 200", async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", checks: { db: false } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("a call that needs it gets a fast 503 with Retry-After and the request id, and the log keeps the cause", async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${accessToken}`, "x-request-id": "outage-req-1" },
    });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const text = await response.clone().text();
    const error = await readError(response);
    expect(error.message).toBe("A service Sous depends on is unavailable");
    expect(error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 });
    expect(error.data.requestId).toBe("outage-req-1");
    expect(text).not.toMatch(/stack|kysely|pglite|select|driver|destroyed/i);

    const logged = server.logs.find((l) => l.msg === "procedure failed" && l.requestId === "outage-req-1");
    expect(logged).toMatchObject({ path: "auth.me", err: { message: expect.any(String) } });
  });

  it("writes answer 503 too (PGlite closed), never a 500", async () => {
    const response = await fetch(`${server.url}/trpc/saved.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ json: { recipe: omelette, idempotencyKey: "k" } }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  });
});
