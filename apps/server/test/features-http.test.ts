import { TRPCClientError } from "@trpc/client";
import { html, recipePage, redirect, samplePancakes, startPageServer } from "@sous/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devSignIn, startTestServer, type TestServer } from "./harness.js";

/** The new capabilities over HTTP with the real @trpc/client: share page, import, shopping, plan, account. */
type PageServer = Awaited<ReturnType<typeof startPageServer>>;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as { data?: { code?: string } }).data?.code;
}

describe("share links, import and account over HTTP", () => {
  let server: TestServer;
  let pages: PageServer;
  let bearer: { authorization: string };

  beforeAll(async () => {
    pages = await startPageServer({
      "/banana-bread": html(recipePage("wordpress-graph")),
      "/to-private": (req, res) => redirect(`http://127.0.0.1:${pages.port}/banana-bread`)(req, res),
    });
    server = await startTestServer({ env: { IMPORT_ALLOW_HOSTS: "localhost", PUBLIC_URL: "https://sous.example/" } });
    const session = await devSignIn(server.url, "sharer@sous.test");
    bearer = { authorization: `Bearer ${session.accessToken}` };
    // The first server of a run migrates the embedded template database: slow on a loaded machine.
  }, 180_000);
  afterAll(async () => {
    await server.stop();
    await pages.close();
  });

  it("serves a shared recipe as an escaped, script-free page until it is unshared", async () => {
    const client = server.client(bearer);
    const recipe = samplePancakes({ title: "Pancakes <script>alert(1)</script>", summary: `"Fluffy" & 'light'` });
    const saved = await client.saved.create.mutate({ recipe });
    const link = await client.saved.share.mutate({ id: saved.id });
    expect(link.shareUrl).toBe(`https://sous.example/s/${link.shareToken}`);

    const response = await fetch(`${server.url}/s/${link.shareToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain("Pancakes &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain("&quot;Fluffy&quot; &amp; &#39;light&#39;");
    expect(body).toContain("500 ml whole milk");
    expect(body).not.toMatch(/<script/i);

    // The public procedure answers anonymous callers too.
    await expect(server.client().shared.byToken.query({ token: link.shareToken })).resolves.toMatchObject({ title: recipe.title });

    await client.saved.unshare.mutate({ id: saved.id });
    const gone = await fetch(`${server.url}/s/${link.shareToken}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("no longer shared");
    expect(await codeOf(server.client().shared.byToken.query({ token: link.shareToken }))).toBe("NOT_FOUND");
    expect((await fetch(`${server.url}/s/not-a-token`)).status).toBe(404);
  });

  it("imports a page from an allowed loopback host, and refuses a redirect to a private address", async () => {
    const client = server.client(bearer);
    const result = await client.recipe.import.mutate({ url: `${pages.url}/banana-bread` });
    expect(result).toMatchObject({ source: "json-ld", recipe: { title: "Easy Banana Bread (One Bowl!)" } });
    const response = await fetch(`${server.url}/trpc/recipe.import`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer },
      body: JSON.stringify({ json: { url: `${pages.url}/to-private` } }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("127.0.0.1");
  });

  it("plans, shops, exports and deletes an account", async () => {
    const session = await devSignIn(server.url, "leaver@sous.test");
    const client = server.client({ authorization: `Bearer ${session.accessToken}` });
    const saved = await client.saved.create.mutate({ recipe: samplePancakes() });
    await client.plan.set.mutate({ date: "2026-03-03", meal: "dinner", savedId: saved.id, servings: 8 });
    const list = await client.plan.toShopping.mutate({ from: "2026-03-02", to: "2026-03-08" });
    expect(list.items.find((i) => i.name === "plain flour")).toMatchObject({ quantity: 500, unit: "g" });
    const exported = await client.account.export.query();
    expect(exported.saved).toHaveLength(1);
    expect(exported.user.email).toBe("leaver@sous.test");
    expect(exported.exportedAt).toBeInstanceOf(Date);
    await expect(client.account.delete.mutate({ confirm: "delete my account" })).resolves.toEqual({ ok: true });
    expect(await codeOf(client.auth.refresh.mutate({ refreshToken: session.refreshToken }))).toBe("UNAUTHORIZED");
  });
});

describe("recipe import without IMPORT_ALLOW_HOSTS", () => {
  let server: TestServer;
  let pages: PageServer;
  beforeAll(async () => {
    pages = await startPageServer({ "/banana-bread": html(recipePage("wordpress-graph")) });
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
    await pages.close();
  });

  it("refuses a loopback page, and the share link defaults to the listening address", async () => {
    const session = await devSignIn(server.url, "cook@sous.test");
    const client = server.client({ authorization: `Bearer ${session.accessToken}` });
    expect(await codeOf(client.recipe.import.mutate({ url: `${pages.url}/banana-bread` }))).toBe("BAD_REQUEST");
    expect(pages.requests).toEqual([]);
    const saved = await client.saved.create.mutate({ recipe: samplePancakes() });
    const link = await client.saved.share.mutate({ id: saved.id });
    expect(link.shareUrl).toBe(`${server.url}/s/${link.shareToken}`);
  });
});
