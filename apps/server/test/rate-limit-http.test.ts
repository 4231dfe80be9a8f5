import { randomBytes } from "node:crypto";
import type { AppRouter } from "@sous/api";
import { closeRedis, createRedis, silentLogger, waitForRedis, type Redis } from "@sous/core";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readError, startTestServer, type TestServer } from "./harness.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL not set: rate limiting over HTTP on real Redis skipped on this run");

/** A fresh client address per test, so runs sharing one Redis never share a budget by accident. */
const freshIp = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;

/** One anonymous call (auth.me: 401 while within budget, 429 past it), timed. */
async function call(server: TestServer, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${server.url}/trpc/auth.me`, { headers });
  return { response, ms: performance.now() - started };
}

describe("rate limit per caller (in memory)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
  });
  afterAll(() => server.stop());

  it("answers the call past the budget with 429, Retry-After and data.retryAfterSeconds", async () => {
    for (let i = 0; i < 3; i++) expect((await call(server)).response.status).toBe(401);
    const { response } = await call(server);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const error = await readError(response);
    expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfterSeconds: retryAfter });

    // The typed client sees the same.
    const fromClient = await server.client().auth.me.query().catch((e: unknown) => e);
    expect((fromClient as TRPCClientError<AppRouter>).data).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("ignores X-Forwarded-For when TRUST_PROXY is off", async () => {
    const { response } = await call(server, { "x-forwarded-for": freshIp() });
    expect(response.status).toBe(429);
  });
});

describe("rate limit behind a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "loopback" } });
  });
  afterAll(() => server.stop());

  it("keys anonymous callers by the forwarded client address", async () => {
    const [alice, bob] = [freshIp(), freshIp()];
    for (let i = 0; i < 2; i++) expect((await call(server, { "x-forwarded-for": alice })).response.status).toBe(401);
    expect((await call(server, { "x-forwarded-for": alice })).response.status).toBe(429);
    expect((await call(server, { "x-forwarded-for": bob })).response.status).toBe(401);
  });
});

describe("rate limit with Redis unreachable", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "3", REDIS_URL: "redis://127.0.0.1:1" } });
  });
  afterAll(() => server.stop());

  it("serves honest callers promptly, and the memory insurance still limits", async () => {
    const calls = [];
    for (let i = 0; i < 4; i++) calls.push(await call(server));
    for (const { ms } of calls) expect(ms).toBeLessThan(1_000);
    expect(calls.map((c) => c.response.status)).toEqual([401, 401, 401, 429]);
    expect(server.logs.some((l) => l.msg === "redis unavailable")).toBe(true);
  });
});

describe.runIf(redisUrl)("rate limit on real Redis", () => {
  const servers: TestServer[] = [];
  const env = { RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "loopback", REDIS_URL: redisUrl ?? "" };
  let redis: Redis;
  beforeAll(async () => {
    redis = createRedis(redisUrl ?? "", silentLogger);
    expect(await waitForRedis(redis, 3_000)).toBe(true);
    servers.push(await startTestServer({ env }), await startTestServer({ env }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await closeRedis(redis);
  });

  it("keeps the count in Redis and answers the call past the budget with 429 and Retry-After", async () => {
    const [server] = servers as [TestServer];
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await call(server, { "x-forwarded-for": ip })).response.status).toBe(401);
    const { response } = await call(server, { "x-forwarded-for": ip });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readError(response)).data.retryAfterSeconds).toBe(Number(response.headers.get("retry-after")));
    expect(Number(await redis.get(`sous:rl:calls:ip:${ip}`))).toBe(4);
  });

  it("shares one budget between two server processes", async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const ip = freshIp();
    const statuses = [];
    for (const server of [a, b, a, b, a]) statuses.push((await call(server, { "x-forwarded-for": ip })).response.status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
