// Plain GET queries are answered by trpc-query.ts rather than tRPC's fetch adapter; every answer must be the
// one tRPC's adapter gives for the same request. The expected answers come from fetchRequestHandler, run
// in-process on the same services with the same credentials and request id.
import { appRouter, createContext } from "@sous/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainQueryPath } from "../src/http/trpc-query.js";
import { devSignIn, startTestServer, type TestServer } from "./harness.js";

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "100000" } });
  ({ accessToken: token } = await devSignIn(server.url, "plain-query@sous.test"));
  const recipe = (await server.client({ authorization: `Bearer ${token}` }).recipe.generate.mutate({ dish: "pad thai" })).recipe;
  await server.client({ authorization: `Bearer ${token}` }).saved.create.mutate({ recipe, tags: ["noodles"] });
});
afterAll(() => server.stop());

const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: value }))}`;

async function viaTrpcAdapter(path: string, headers: Record<string, string>) {
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req: new Request(`${server.url}${path}`, { headers }),
    router: appRouter,
    createContext: () =>
      createContext({
        services: server.sous.services,
        authorization: headers.authorization,
        requestId: headers["x-request-id"] ?? "",
        ip: "127.0.0.1",
      }),
  });
  return { status: response.status, type: response.headers.get("content-type"), vary: response.headers.get("vary"), body: await response.json() };
}

async function viaServer(path: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), vary: response.headers.get("vary"), body: await response.json() };
}

describe("plain GET queries answer exactly as tRPC's adapter does", () => {
  const signedIn = () => ({ authorization: `Bearer ${token}` });
  it.each<[string, string, () => Record<string, string>]>([
    ["a signed-in read", "/trpc/auth.me", signedIn],
    ["a page of saved recipes, dates included", `/trpc/saved.list${input({ limit: 5 })}`, signedIn],
    ["an anonymous query", "/trpc/recipe.quota", () => ({})],
    ["no credentials on a protected query", "/trpc/auth.me", () => ({})],
    ["a credential that does not verify", "/trpc/auth.me", () => ({ authorization: "Bearer not-a-token" })],
    ["input the schema refuses", `/trpc/saved.list${input({ limit: 0 })}`, signedIn],
    ["input that is not JSON", "/trpc/saved.list?input=%7Bnot-json", signedIn],
    ["a missing row", `/trpc/saved.byId${input({ id: randomUUID() })}`, signedIn],
    ["a mutation sent as GET (tRPC's own path)", "/trpc/auth.signOut", () => ({})],
    ["an unknown procedure", "/trpc/saved.nothing", signedIn],
  ])("%s", async (_what, path, headers) => {
    const sent = { ...headers(), "x-request-id": `plain-${randomUUID()}` };
    const [ours, trpcs] = [await viaServer(path, sent), await viaTrpcAdapter(path, sent)];
    expect(ours).toEqual(trpcs);
  });
});

describe("which requests take the plain query path", () => {
  const request = (method: string, headers: Record<string, string> = {}) => ({ method, headers }) as IncomingMessage;
  const url = (path: string) => new URL(`http://sous.test/trpc/${path}`);

  it("takes one GET query, unbatched, and nothing else", () => {
    expect(plainQueryPath(request("GET"), url("saved.list?input=x"), "saved.list")).toBe("saved.list");
    expect(plainQueryPath(request("GET"), url("saved.list?batch=1"), "saved.list")).toBeUndefined();
    expect(plainQueryPath(request("HEAD"), url("saved.list"), "saved.list")).toBeUndefined();
    expect(plainQueryPath(request("GET", { accept: "text/event-stream" }), url("saved.list"), "saved.list")).toBeUndefined();
    expect(plainQueryPath(request("GET", { "trpc-accept": "application/jsonl" }), url("saved.list"), "saved.list")).toBeUndefined();
    expect(plainQueryPath(request("GET"), url("auth.signOut"), "auth.signOut")).toBeUndefined(); // a mutation
    expect(plainQueryPath(request("GET"), url("recipe.generateStream"), "recipe.generateStream")).toBeUndefined(); // a subscription
    expect(plainQueryPath(request("GET"), url("toString"), "toString")).toBeUndefined();
    expect(plainQueryPath(request("GET"), url("%E0%A4%A"), "%E0%A4%A")).toBeUndefined();
  });
});
