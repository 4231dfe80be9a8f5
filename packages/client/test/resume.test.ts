/**
 * A stream ended by a server that is stopping comes back: the real server in-process, stopped with a chat
 * reply still streaming, then started again on the same port; the client's subscription reconnects by
 * itself and finishes on the new server. Gemini is the loopback fake, so the first reply can be slow.
 */
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSousClient, errorCode } from "../src/index.js";
import { startTestServer, type TestServer } from "./support/server.js";

const geminiEnv = (fake: FakeGemini) => ({
  GEMINI_API_KEY: "test-key",
  GEMINI_BASE_URL: fake.url,
  GEMINI_MODEL: "gemini-test",
  AI_REQUESTS_PER_DAY_ANONYMOUS: "1000",
});

let fake: FakeGemini;
const servers: TestServer[] = [];
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await fake.close();
});

interface Seen {
  started: number;
  events: { type: string; text?: string; reply?: string }[];
  states: { state: string; code?: string }[];
}

describe("a stream the server ends because it is stopping", () => {
  it("is resumed by the client on the server that comes back, and finishes there", async () => {
    const first = await startTestServer({ env: geminiEnv(fake) });
    servers.push(first);
    const port = new URL(first.url).port;
    fake.enqueue(
      { text: "Low and slow. ".repeat(30), chunks: 30, chunkDelayMs: 300 }, // cut short by the stop
      { text: "Brown the meat, then simmer it for three hours.", chunks: 3 }, // the resumed run
    );

    const client = createSousClient({ url: first.url });
    const seen: Seen = { started: 0, events: [], states: [] };
    let firstToken: () => void = () => undefined;
    const tokenArrived = new Promise<void>((resolve) => (firstToken = resolve));
    const finished = new Promise<void>((resolve, reject) => {
      client.chat.stream.subscribe(
        { message: "How long should a ragù simmer?" },
        {
          onStarted: () => void (seen.started += 1),
          onData(event) {
            seen.events.push(event);
            firstToken();
          },
          onConnectionStateChange(state) {
            seen.states.push({ state: state.state, ...(state.error ? { code: errorCode(state.error) ?? "none" } : {}) });
          },
          onError: reject,
          onComplete: resolve,
        },
      );
    });

    await tokenArrived;
    await first.sous.stop();
    // The replacement takes the same address; the client reconnects to it on its own.
    const second = await startTestServer({ env: { ...geminiEnv(fake), PORT: port } });
    servers.push(second);
    await finished;

    expect(seen.states).toContainEqual({ state: "connecting", code: "SERVICE_UNAVAILABLE" });
    expect(seen.started).toBe(2);
    const done = seen.events.at(-1);
    expect(done).toMatchObject({ type: "done", reply: "Brown the meat, then simmer it for three hours." });
    expect(fake.calls).toBe(2);
  }, 60_000);

  it("is not resumed after any other server error", async () => {
    const server = await startTestServer({ env: geminiEnv(fake) });
    servers.push(server);
    fake.reset();
    fake.enqueue({ status: 503, message: "overloaded" }, { status: 503 }, { status: 503 }, { status: 503 });
    const client = createSousClient({ url: server.url });

    const error = await new Promise<unknown>((resolve, reject) => {
      client.chat.stream.subscribe(
        { message: "How do I brown onions?" },
        { onError: resolve, onComplete: () => reject(new Error("completed")) },
      );
    });

    expect(errorCode(error)).toBe("SERVICE_UNAVAILABLE");
    // One run only: past the EventSource's 3 s reconnect delay, the stream was still opened just once.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const opened = server.logs.filter((l) => l.msg === "request" && l.path === "/trpc/chat.stream");
    expect(opened).toHaveLength(1);
  }, 30_000);
});
