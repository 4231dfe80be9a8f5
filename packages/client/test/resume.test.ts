/**
 * A stream ended by a server that is stopping comes back: two real servers in-process behind one address,
 * the first stopped with a chat reply still streaming; the client's subscription reconnects by itself and
 * finishes on the second. Gemini is the loopback fake, so the first reply can be slow.
 */
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
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
let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  fake = await startFakeGemini();
  [first, second] = await Promise.all([startTestServer({ env: geminiEnv(fake) }), startTestServer({ env: geminiEnv(fake) })]);
});
afterAll(async () => {
  await Promise.all([first, second].map((s) => s?.stop()));
  await fake.close();
});

interface Seen {
  started: number;
  events: { type: string; text?: string; reply?: string }[];
  states: { state: string; code?: string }[];
}

/**
 * One address in front of two servers, as a load balancer is: new connections go to `target`. Lets the test
 * start the replacement before stopping the first, so no start-up time sits between the two.
 */
async function frontDoor(initial: string) {
  let target = new URL(initial);
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    switchTo: (url: string) => void (target = new URL(url)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

describe("a stream the server ends because it is stopping", () => {
  it("is resumed by the client on the server that takes over, and finishes there", async () => {
    const door = await frontDoor(first.url);
    fake.enqueue(
      { text: "Low and slow. ".repeat(30), chunks: 30, chunkDelayMs: 300 }, // cut short by the stop
      { text: "Brown the meat, then simmer it for three hours.", chunks: 3 }, // the resumed run
    );

    const client = createSousClient({ url: door.url });
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

    try {
      await tokenArrived;
      door.switchTo(second.url);
      await first.sous.stop();
      await finished;
    } finally {
      await door.close();
    }

    expect(seen.states).toContainEqual({ state: "connecting", code: "SERVICE_UNAVAILABLE" });
    expect(seen.started).toBe(2);
    const done = seen.events.at(-1);
    expect(done).toMatchObject({ type: "done", reply: "Brown the meat, then simmer it for three hours." });
    expect(fake.calls).toBe(2);
    // The second run was the replacement's.
    expect(second.logs.some((l) => l.msg === "request" && l.path === "/trpc/chat.stream")).toBe(true);
  }, 90_000);

  it("is not resumed after any other server error", async () => {
    const server = second; // the one still running
    const streamsOpened = () => server.logs.filter((l) => l.msg === "request" && l.path === "/trpc/chat.stream").length;
    const openedBefore = streamsOpened();
    fake.reset();
    // Upstream refuses the request: BAD_GATEWAY, one of the codes tRPC's SSE link would reconnect after.
    fake.enqueue({ status: 400, message: "bad request" }, { status: 400, message: "bad request" });
    const client = createSousClient({ url: server.url });

    const error = await new Promise<unknown>((resolve, reject) => {
      client.chat.stream.subscribe(
        { message: "How do I brown onions?" },
        { onError: resolve, onComplete: () => reject(new Error("completed")) },
      );
    });

    expect(errorCode(error)).toBe("BAD_GATEWAY");
    // One run only: past the EventSource's 3 s reconnect delay, the stream was still opened just once.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(streamsOpened()).toBe(openedBefore + 1);
    expect(fake.calls).toBe(1);
  }, 60_000);
});
