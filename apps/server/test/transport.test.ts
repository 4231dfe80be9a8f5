// The /trpc transport (tRPC's Express adapter behind Sous's request guards), over real HTTP.
import { connect } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ALLOWED_ORIGIN, FOREIGN_ORIGIN, devSignIn, readError, startTestServer, type TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: value }))}`;

describe("the context of a call", () => {
  it("is created once per request, error answers included", async () => {
    const { accessToken } = await devSignIn(server.url, "context-once@sous.test");
    const authorization = `Bearer ${accessToken}`;
    // createContext verifies the Bearer: one verification is one context.
    const authenticate = vi.spyOn(server.sous.services.auth, "authenticate");
    try {
      const requests: [string, RequestInit, number][] = [
        [`/trpc/saved.byId${input({ id: randomUUID() })}`, {}, 404], // the procedure throws
        [`/trpc/saved.list${input({ limit: 0 })}`, {}, 400], // the input is refused
        ["/trpc/auth.signOut", {}, 405], // a mutation sent as GET
        ["/trpc/saved.nothing", {}, 404], // no such procedure
        [`/trpc/saved.byId,saved.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { id: randomUUID() } }, 1: { json: { limit: 0 } } }))}`, {}, 207],
        ["/trpc/auth.me", {}, 200],
      ];
      for (const [path, init, status] of requests) {
        authenticate.mockClear();
        const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization } });
        expect(response.status, path).toBe(status);
        expect(authenticate, path).toHaveBeenCalledTimes(1);
      }
    } finally {
      authenticate.mockRestore();
    }
  });
});

/** Sends only a request head (and `bodyStart`), then reads whatever the server answers until it closes. */
function rawRequest(head: string, bodyStart: string): Promise<{ text: string; ms: number; closedByServer: boolean }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), "127.0.0.1");
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("end", () => resolve({ text, ms: performance.now() - started, closedByServer: true }));
    socket.on("error", reject);
    socket.write(head + bodyStart);
    // The client never sends the rest: if the server waited for the body, this would time out.
    setTimeout(() => {
      socket.destroy();
      resolve({ text, ms: performance.now() - started, closedByServer: false });
    }, 5_000).unref();
  });
}

describe("request limits at the door", () => {
  it("answers a body announced over the limit with 413 at once and closes, reading none of it", async () => {
    const head = [
      "POST /trpc/auth.signInDev HTTP/1.1",
      "Host: 127.0.0.1",
      "Content-Type: application/json",
      "Content-Length: 999999999",
      "",
      "",
    ].join("\r\n");
    const answer = await rawRequest(head, '{"json":{"email":"huge@sous.test","name":"');
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer.text).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(answer.closedByServer).toBe(true);
    expect(answer.ms).toBeLessThan(1_000);
  });
});

describe("cross-site GETs", () => {
  const quotaUsed = async () => (await server.client().recipe.quota.query()).used;
  const stream = (headers: Record<string, string>) =>
    fetch(`${server.url}/trpc/recipe.generateStream${input({ dish: "shakshuka" })}`, { headers });

  it("refuses a subscription from a foreign page with 403 before any work, and spends no quota", async () => {
    const before = await quotaUsed();
    // An <img src> on a foreign site: no Origin, but the browser marks it cross-site.
    const img = await stream({ accept: "image/avif,image/webp,*/*", "sec-fetch-site": "cross-site" });
    expect(img.status).toBe(403);
    expect((await readError(img)).data).toMatchObject({ code: "FORBIDDEN", requestId: img.headers.get("x-request-id") });
    // A foreign page's EventSource sends its Origin.
    const foreign = await stream({ accept: "text/event-stream", origin: FOREIGN_ORIGIN });
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();
    expect(await quotaUsed()).toBe(before);

    // The allowed origin's stream runs (and is metered): the refusals above were the guard's, not the route's.
    const allowed = await stream({ accept: "text/event-stream", origin: ALLOWED_ORIGIN });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('"type":"done"');
    expect(await quotaUsed()).toBe(before + 1);
  });

  it("lets same-site pages and non-browser callers through", async () => {
    const sameSite = await fetch(`${server.url}/trpc/recipe.quota`, { headers: { "sec-fetch-site": "same-origin" } });
    expect(sameSite.status).toBe(200);
    const tool = await fetch(`${server.url}/trpc/recipe.quota`);
    expect(tool.status).toBe(200);
  });
});
