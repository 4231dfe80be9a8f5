import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.js";

describe("the built web app", () => {
  let server: TestServer;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), "sous-web-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Sous</title><div id=root></div>");
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log('sous')");
    server = await startTestServer({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(() => server.stop());

  it("serves index.html at / and for client-side routes a browser navigates to", async () => {
    for (const path of ["/", "/saved/42", "/chat"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: "text/html,*/*;q=0.8" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toContain("<title>Sous</title>");
    }
  });

  it("serves the app at / to any client (curl's Accept: */*), while unknown API paths stay JSON 404s", async () => {
    for (const accept of ["*/*", "application/json"]) {
      const response = await fetch(`${server.url}/`, { headers: { accept } });
      expect(response.status, accept).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain("<title>Sous</title>");
    }
    for (const path of ["/api/nothing", "/trpc", "/metrics/x", "/no/such/page"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: path === "/no/such/page" ? "*/*" : "text/html" } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toContain("application/json");
    }
  });

  it("serves hashed assets as immutable, and a missing asset as a 404, not a page", async () => {
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const missing = await fetch(`${server.url}/assets/gone.js`);
    expect(missing.status).toBe(404);
  });

  it("leaves /trpc and the probes to the API", async () => {
    const api = await fetch(`${server.url}/trpc/auth.me`, { headers: { accept: "text/html" } });
    expect(api.status).toBe(401);
    expect(api.headers.get("content-type")).toContain("application/json");
    expect((await fetch(`${server.url}/healthz`, { headers: { accept: "text/html" } })).status).toBe(200);
  });
});

describe("without a built web app", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("answers / with the JSON 404", async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
