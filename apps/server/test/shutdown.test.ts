import { once } from "node:events";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.js";

// One server per test (each is shut down by it), started up front so start-up time stays out of the tests.
let delayed: TestServer, patient: TestServer, hasty: TestServer;
beforeAll(async () => {
  [delayed, patient, hasty] = await Promise.all([
    startTestServer({ env: { SHUTDOWN_DELAY_MS: "400" } }),
    startTestServer({ env: { SHUTDOWN_TIMEOUT_MS: "5000" } }),
    startTestServer({ env: { SHUTDOWN_TIMEOUT_MS: "300" } }),
  ]);
});
afterAll(() => Promise.all([delayed, patient, hasty].map((s) => s?.stop())));

/** Starts a POST whose body is sent in two parts; `finish()` sends the rest and resolves with the answer. */
function slowSignIn(url: string, email: string) {
  const body = JSON.stringify({ json: { email, transport: "body" } });
  const half = Math.floor(body.length / 2);
  const req = request(`${url}/trpc/auth.signInDev`, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  answer.catch(() => {}); // observed by the test that needs it
  req.write(body.slice(0, half));
  return {
    answer,
    finish: () => {
      req.end(body.slice(half));
      return answer;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("graceful shutdown", () => {
  it("turns readiness to 503 at once while it still serves during the shutdown delay", async () => {
    const server = delayed;
    const { url } = server;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const stopping = server.sous.stop();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "draining", checks: { db: true } });
    expect(ready.headers.get("connection")).toBe("close");
    expect((await fetch(`${url}/healthz`)).status).toBe(200); // alive, just not taking new work

    await stopping;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("lets a request in flight finish before it closes, and refuses new connections meanwhile", async () => {
    const server = patient;
    const { url } = server;
    const received = once(server.sous.httpServer, "request");
    const inFlight = slowSignIn(url, "late@sous.test");
    await received; // the server has the headers (and half the body): the request is in flight

    let stopped = false;
    const stopping = server.sous.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow(); // the listener is closed

    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ result: { data: { json: { user: { email: "late@sous.test" } } } } });
    await stopping;
    expect(stopped).toBe(true);
  });

  it("cuts what is still running at the deadline and says so", async () => {
    const server = hasty;
    const received = once(server.sous.httpServer, "request");
    const stuck = slowSignIn(server.url, "never@sous.test");
    await received;
    const started = performance.now();
    await server.sous.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(stuck.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(server.logs.some((l) => l.msg === "shutdown deadline passed; connections cut")).toBe(true);
  });
});
