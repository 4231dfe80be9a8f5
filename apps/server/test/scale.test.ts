/**
 * Three Sous processes (the built server, started as the image starts it) behind a loopback round-robin
 * balancer, sharing one Postgres (a throwaway database on TEST_DATABASE_URL's server) and one Redis
 * (TEST_REDIS_URL). Runs only when both are given. Keys in the shared Redis cannot collide with other runs:
 * every caller here is a fresh user or a fresh address (X-Forwarded-For, believed from the balancer), and
 * the model name, part of every answer-cache key, is fresh.
 */
import { randomBytes } from "node:crypto";
import { REFRESH_COOKIE } from "@sous/api";
import { createThrowawayPostgres, startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { omelette } from "./ai-support.js";
import { startBalancer, type Balancer } from "./scale-balancer.js";
import { spawnServer, type ServerProcess } from "./server-process.js";

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
if (!postgresUrl || !redisUrl) {
  console.warn("TEST_DATABASE_URL and TEST_REDIS_URL are both needed: the three-process scale test is skipped on this run");
}

const ORIGIN = "http://app.sous.test";
const RUN = randomBytes(3).toString("hex");
let addresses = 0;
/** A documentation-range IPv6 address no other run uses: a fresh anonymous caller (header only, no traffic). */
const freshAddress = () => `2001:db8:${RUN.slice(0, 4)}:${RUN.slice(4)}::${(++addresses).toString(16)}`;

describe.runIf(postgresUrl && redisUrl)("three Sous processes behind a balancer, one Postgres, one Redis", () => {
  let fake: FakeGemini;
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerProcess[] = [];
  let balancer: Balancer;
  const model = `gemini-scale-${RUN}`;

  beforeAll(async () => {
    fake = await startFakeGemini();
    database = await createThrowawayPostgres(postgresUrl!);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      GEMINI_API_KEY: "test-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_MODEL: model,
      GEMINI_TIMEOUT_MS: "10000",
      TRUST_PROXY: "loopback",
      ALLOWED_ORIGINS: ORIGIN,
      RATE_LIMIT_PER_MINUTE: "30",
      AI_REQUESTS_PER_DAY: "5",
      AI_REQUESTS_PER_DAY_ANONYMOUS: "10",
      AI_CONCURRENCY_PER_CALLER: "1000",
      LOG_LEVEL: "warn",
    };
    // One first (it migrates the database), then two more on the migrated schema.
    servers = [await spawnServer({ ...env, LOG_LEVEL: "info" })];
    servers.push(...(await Promise.all([spawnServer({ ...env, LOG_LEVEL: "info" }), spawnServer({ ...env, LOG_LEVEL: "info" })])));
    balancer = await startBalancer(servers.map((s) => s.url));
  }, 240_000);
  afterAll(async () => {
    await balancer?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    await fake?.close();
  });

  /** Signs in with the dev sign-in (body transport) on `url` as a fresh address; the access token. */
  async function signIn(url: string, email: string): Promise<string> {
    const response = await fetch(`${url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": freshAddress() },
      body: JSON.stringify({ json: { email, transport: "body" } }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { result: { data: { json: { accessToken: string } } } }).result.data.json.accessToken;
  }

  it("a web session signed in on one process refreshes on another, and rotates on a third", async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const address = freshAddress();
    const signIn = await fetch(`${a.url}/trpc/auth.signInDev`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": address },
      body: JSON.stringify({ json: { email: `web-${RUN}@example.com` } }),
    });
    expect(signIn.status).toBe(200);
    const cookieOf = (response: Response) =>
      response.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE}=`))!.split(";")[0]!;
    const refresh = (url: string, cookie: string) =>
      fetch(`${url}/trpc/auth.refresh`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie, "x-forwarded-for": address },
        body: JSON.stringify({}),
      });
    const first = cookieOf(signIn);
    const onB = await refresh(b.url, first);
    expect(onB.status).toBe(200);
    const second = cookieOf(onB);
    expect(second).not.toBe(first);
    const onC = await refresh(c.url, second);
    expect(onC.status).toBe(200);
    // The rotated-away token is dead everywhere (reuse revokes the family).
    expect((await refresh(a.url, first)).status).toBe(401);
  });

  it("a saved recipe written on one process is listed by the others", async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const token = await signIn(a.url, `saver-${RUN}@example.com`);
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${a.url}/api/saved`, { method: "POST", headers, body: JSON.stringify({ recipe: omelette }) });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    for (const server of [b, c]) {
      const list = (await (await fetch(`${server.url}/api/saved`, { headers })).json()) as { items: { id: string }[] };
      expect(list.items.map((item) => item.id)).toEqual([id]);
    }
  });

  it("the rate limit holds across processes: 40 calls spread over three → exactly 30 served", async () => {
    const token = await signIn(servers[0]!.url, `limited-${RUN}@example.com`);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${balancer.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("the AI quota holds across processes: 8 generations spread over three → exactly 5 served", async () => {
    fake.handle(() => ({ json: omelette }));
    const token = await signIn(servers[0]!.url, `quota-${RUN}@example.com`);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${balancer.url}/api/recipes/generate`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ dish: `omelette variation ${i}` }),
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it("100 identical cold generations spread over the three processes → one upstream call", async () => {
    fake.reset();
    fake.handle(() => ({ json: omelette, delayMs: 500 }));
    const before = new Map(balancer.forwarded);
    const answers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const response = await fetch(`${balancer.url}/api/recipes/generate`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": freshAddress() },
          body: JSON.stringify({ dish: "omelette aux fines herbes" }),
        });
        return { status: response.status, body: (await response.json()) as { cached: boolean } };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(fake.calls).toBe(1);
    expect(answers.filter((a) => !a.body.cached)).toHaveLength(1);
    // Every process took its share.
    for (const [backend, count] of balancer.forwarded) expect(count - (before.get(backend) ?? 0), backend).toBeGreaterThanOrEqual(33);
  });

  it("SIGTERM to one process under load loses no request: GETs are retried, and it exits 0", async () => {
    const token = await signIn(servers[0]!.url, `load-${RUN}@example.com`);
    // The limit is 30 a minute per caller: each of these callers stays under it.
    const callers = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(servers[i % 3]!.url, `load-${i}-${RUN}@example.com`)));
    callers.push(token);
    const victim = servers[1]!;
    const statuses: number[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    const load = callers.map(async (caller) => {
      for (let i = 0; i < 25; i++) {
        if (i === 8) stopAt = Math.min(stopAt, Date.now());
        const response = await fetch(`${balancer.url}/api/saved`, { headers: { authorization: `Bearer ${caller}` } });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    });
    // SIGTERM once the load is well under way.
    const killer = (async () => {
      while (stopAt === Number.POSITIVE_INFINITY) await new Promise((resolve) => setTimeout(resolve, 10));
      await victim.stop();
    })();
    const retriesBefore = balancer.retries;
    await Promise.all([...load, killer]);
    expect(await victim.exited).toBe(0);
    // Requests did meet the stopped process (refused connections) and were retried on the others.
    expect(balancer.retries - retriesBefore).toBeGreaterThan(0);
    expect(statuses).toHaveLength(callers.length * 25);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The survivors still answer.
    const after = await fetch(`${balancer.url}/api/saved`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
  });
});
