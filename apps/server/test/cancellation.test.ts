/**
 * A client that goes away cancels its call, for mutations and subscriptions alike: the real server
 * in-process, the real @trpc/client aborting through an AbortSignal (or unsubscribing), Gemini as the real
 * provider against the loopback fake, which counts the upstream requests whose client left.
 */
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collect, geminiEnv, omelette, streamingClient } from "./ai-support.js";
import { startTestServer, type TestServer } from "./harness.js";

let fake: FakeGemini;
let server: TestServer;
beforeAll(async () => {
  fake = await startFakeGemini();
  server = await startTestServer({ env: geminiEnv(fake, { GEMINI_TIMEOUT_MS: "30000" }) });
});
afterAll(async () => {
  await server.stop();
  await fake.close();
});
beforeEach(() => fake.reset());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with what the call settled to (the client rejects an aborted call). */
const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

describe("a client that aborts mid-flight", () => {
  it("chat.send: the upstream model call is stopped", async () => {
    fake.enqueue({ text: "never sent", hang: true });
    const aborter = new AbortController();
    const call = settled(server.client().chat.send.mutate({ message: "How long do I boil an egg?" }, { signal: aborter.signal }));
    await fake.waitFor((f) => f.calls === 1, 10_000);
    expect(fake.aborted).toBe(0);

    aborter.abort();
    expect(await call).toHaveProperty("error");
    await fake.waitFor((f) => f.aborted === 1, 5_000);
  });

  it("recipe.generate, uncached and alone: the upstream call is stopped and nothing is cached", async () => {
    fake.enqueue({ json: omelette, hang: true });
    const aborter = new AbortController();
    const call = settled(server.client().recipe.generate.mutate({ dish: "rolled omelette" }, { signal: aborter.signal }));
    await fake.waitFor((f) => f.calls === 1, 10_000);

    aborter.abort();
    expect(await call).toHaveProperty("error");
    await fake.waitFor((f) => f.aborted === 1, 5_000);

    fake.enqueue({ json: omelette });
    const again = await server.client().recipe.generate.mutate({ dish: "rolled omelette" });
    expect(again.cached).toBe(false);
    expect(fake.calls).toBe(2);
  });

  it("recipe.generate shared through single-flight: one caller leaving does not cancel the other's", async () => {
    // The upstream answer is held back until the test lets it go.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.handle(async () => {
      await held;
      return { json: omelette };
    });
    const quotaUsed = async () => (await server.client().recipe.quota.query()).used;
    const before = await quotaUsed();

    const leaver = new AbortController();
    const first = settled(server.client().recipe.generate.mutate({ dish: "herb omelette" }, { signal: leaver.signal }));
    await fake.waitFor((f) => f.calls === 1, 10_000);
    const stayer = new AbortController();
    const second = server.client().recipe.generate.mutate({ dish: "herb omelette" }, { signal: stayer.signal });
    // Both callers have taken their quota unit; the second is now waiting on the first one's flight.
    await expect.poll(quotaUsed, { timeout: 5_000 }).toBe(before + 2);
    await sleep(100);

    leaver.abort();
    expect(await first).toHaveProperty("error");
    await sleep(300); // time for a (wrong) cancellation to reach the fake
    expect(fake.aborted).toBe(0);

    release();
    const result = await second;
    expect(result.recipe.title).toBe(omelette.title);
    expect(result.cached).toBe(true); // it joined a flight it did not start
    expect(fake.calls).toBe(1);
    expect(fake.aborted).toBe(0);
  });

  it("recipe.generate shared through single-flight: the last caller leaving cancels it", async () => {
    fake.enqueue({ json: omelette, hang: true });
    const quotaUsed = async () => (await server.client().recipe.quota.query()).used;
    const before = await quotaUsed();
    const callers = [new AbortController(), new AbortController()];
    const first = settled(server.client().recipe.generate.mutate({ dish: "cheese omelette" }, { signal: callers[0]!.signal }));
    await fake.waitFor((f) => f.calls === 1, 10_000);
    const second = settled(server.client().recipe.generate.mutate({ dish: "cheese omelette" }, { signal: callers[1]!.signal }));
    await expect.poll(quotaUsed, { timeout: 5_000 }).toBe(before + 2);
    await sleep(100);

    callers[0]!.abort();
    await sleep(300);
    expect(fake.aborted).toBe(0);
    callers[1]!.abort();
    expect(await first).toHaveProperty("error");
    expect(await second).toHaveProperty("error");
    await fake.waitFor((f) => f.aborted === 1, 5_000);
    expect(fake.calls).toBe(1);
  });

  it("a subscription (chat.stream): unsubscribing stops the upstream stream", async () => {
    fake.enqueue({ text: "Crack the eggs into a bowl and whisk them well with a pinch of salt.", chunks: 40, chunkDelayMs: 150 });
    const events = await collect<{ type: string }>(
      (handlers) => streamingClient(server.url).chat.stream.subscribe({ message: "How do I whisk eggs?" }, handlers),
      (event, stop) => {
        if (event.type === "token") stop();
      },
    );
    expect(events.map((e) => e.data.type)).toEqual(["token"]);
    await fake.waitFor((f) => f.aborted === 1, 5_000);
    expect(fake.calls).toBe(1);
  });
});
