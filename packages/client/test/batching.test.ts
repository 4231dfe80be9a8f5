import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSousClient } from "../src/index.js";
import { pathsOf, recordingFetch, signIn, startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let accessToken: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ accessToken } = await signIn(server.url, "batch@sous.test"));
});
afterAll(() => server.stop());

describe("batching", () => {
  it("sends queries made in the same tick as ONE HTTP request, each with its own answer", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: accessToken, fetch });

    const [me, quota, page] = await Promise.all([
      client.auth.me.query(),
      client.recipe.quota.query(),
      client.saved.list.query({ limit: 5 }),
    ]);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url.searchParams.get("batch")).toBe("1");
    expect(pathsOf(request!)).toEqual(["auth.me", "recipe.quota", "saved.list"]);
    expect(request?.authorization).toBe(`Bearer ${accessToken}`);
    expect(me.email).toBe("batch@sous.test");
    expect(quota.limit).toBeGreaterThan(0);
    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it("batches mutations too, apart from queries, and keeps superjson types (Dates) intact", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: accessToken, fetch });

    const [a, b] = await Promise.all([
      client.auth.apiTokens.create.mutate({ name: "batch a" }),
      client.auth.apiTokens.create.mutate({ name: "batch b" }),
    ]);

    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("POST");
    expect(pathsOf(requests[0]!)).toEqual(["auth.apiTokens.create", "auth.apiTokens.create"]);
    expect([a.name, b.name]).toEqual(["batch a", "batch b"]);
    expect(a.token).not.toBe(b.token);
    const listed = await client.auth.apiTokens.list.query();
    expect(listed.map((t) => t.createdAt).every((d) => d instanceof Date)).toBe(true);
  });

  it("splits more calls than the server's batch limit (20) into several requests that all succeed", async () => {
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: accessToken, fetch });

    const users = await Promise.all(Array.from({ length: 25 }, () => client.auth.me.query()));

    expect(users.every((user) => user.email === "batch@sous.test")).toBe(true);
    expect(requests.map((r) => pathsOf(r).length)).toEqual([20, 5]);
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });

  it("sends the configured extra headers and asks getToken for the token of each request", async () => {
    const { fetch, requests } = recordingFetch();
    let asked = 0;
    const client = createSousClient({
      url: `${server.url}/`,
      fetch,
      headers: { "x-request-id": "client-test-1" },
      getToken: async () => {
        asked += 1;
        return accessToken;
      },
    });

    await client.auth.me.query();
    await client.auth.me.query();

    expect(asked).toBe(2);
    expect(requests.map((r) => r.authorization)).toEqual([`Bearer ${accessToken}`, `Bearer ${accessToken}`]);
    expect(server.logs.some((line) => line.requestId === "client-test-1")).toBe(true);
  });
});
