import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("a call that needs it gets a generic 5xx with the request id, and the log keeps the cause", async () => {
    const response = await fetch(`${server.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${accessToken}`, "x-request-id": "outage-req-1" },
    });
    expect(response.status).toBeGreaterThanOrEqual(500);
    const text = await response.clone().text();
    const error = await readError(response);
    expect(error.message).toMatch(/^(Internal server error|A service Sous depends on is unavailable)$/);
    expect(error.data.requestId).toBe("outage-req-1");
    expect(text).not.toMatch(/stack|kysely|pglite|select|driver|destroyed/i);

    const logged = server.logs.find((l) => l.msg === "procedure failed" && l.requestId === "outage-req-1");
    expect(logged).toMatchObject({ path: "auth.me", err: { message: expect.any(String) } });
  });
});
