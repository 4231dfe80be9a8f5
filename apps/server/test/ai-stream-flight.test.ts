import { randomBytes } from "node:crypto";
import type { GenerateStreamEvent } from "@sous/core";
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collect, geminiEnv, omelette, streamingClient } from "./ai-support.js";
import { startTestServer, type TestServer } from "./harness.js";

/**
 * Single-flight of recipe.generateStream over real HTTP: the real server, the real @trpc/client over SSE, and
 * the fake Gemini streaming its answer in delayed chunks. Also what every request carries, and how a safety
 * block reaches a client.
 */
const redisUrl = process.env.TEST_REDIS_URL;
let fake: FakeGemini;
let server: TestServer;
beforeAll(async () => {
  fake = await startFakeGemini();
  server = await startTestServer({ env: geminiEnv(fake) });
});
afterAll(async () => {
  await server.stop();
  await fake.close();
});
beforeEach(() => fake.reset());

type Event = GenerateStreamEvent;
const partialsOf = (events: { data: Event }[]) =>
  events.filter((e) => e.data.type === "partial").map((e) => (e.data as Extract<Event, { type: "partial" }>).recipe);
const doneOf = (events: { data: Event }[]) => {
  const last = events.at(-1)?.data;
  return last?.type === "done" ? last.result : undefined;
};

function stream(url: string, dish: string, stopAfterPartials?: number, onPartial?: () => void) {
  let partials = 0;
  return collect<Event>(
    (handlers) => streamingClient(url).recipe.generateStream.subscribe({ dish }, handlers),
    (event, stop) => {
      if (event.type !== "partial") return;
      partials++;
      onPartial?.();
      if (stopAfterPartials !== undefined && partials >= stopAfterPartials) stop();
    },
  );
}

/** Resolves once `tick` has been called `n` times. */
function countdown(n: number) {
  let left = n;
  let done!: () => void;
  const promise = new Promise<void>((resolve) => (done = resolve));
  return { promise, tick: () => void (--left === 0 && done()) };
}

/** Calls `run` on the first call only. */
function onFirst(run: () => void) {
  let called = false;
  return () => {
    if (!called) run();
    called = true;
  };
}

function firstPartial() {
  let seen!: () => void;
  const promise = new Promise<void>((resolve) => (seen = resolve));
  return { promise, onPartial: () => seen() };
}

describe("recipe.generateStream single-flight over SSE", () => {
  it.each([5, 100])("%i concurrent identical streams → 1 upstream call; every joiner gets every partial", async (n) => {
    // The last chunk waits until every client has had a partial, so none arrives after the answer is cached.
    const joined = countdown(n);
    fake.enqueue({ json: omelette, chunks: 8, chunkDelayMs: 30, holdLast: joined.promise });
    const dish = `omelette ${n}`;
    const first = firstPartial();
    const leader = stream(server.url, dish, undefined, onFirst(() => (first.onPartial(), joined.tick())));
    const early = Array.from({ length: Math.floor((n - 1) / 2) }, () => stream(server.url, dish, undefined, onFirst(joined.tick)));
    await first.promise;
    const late = Array.from({ length: n - 1 - early.length }, () =>
      stream(server.url, `${dish.toUpperCase()}.`, undefined, onFirst(joined.tick)),
    );
    const all = await Promise.all([leader, ...early, ...late]);
    expect(fake.calls).toBe(1);
    const expected = partialsOf(await leader);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    for (const events of all) {
      expect(partialsOf(events)).toEqual(expected);
      expect(doneOf(events)?.recipe).toEqual(omelette);
    }
    expect(all.filter((events) => doneOf(events)?.cached === false)).toHaveLength(1);
  });

  it("one client leaving does not cancel the call the others wait on; the last one leaving does", async () => {
    fake.enqueue({ json: omelette, chunks: 8, chunkDelayMs: 60 });
    const leaver = stream(server.url, "herb omelette", 1);
    const stayers = Array.from({ length: 4 }, () => stream(server.url, "herb omelette"));
    expect(doneOf(await leaver)).toBeUndefined();
    for (const events of await Promise.all(stayers)) expect(doneOf(events)?.recipe).toEqual(omelette);
    expect(fake.calls).toBe(1);
    expect(fake.aborted).toBe(0);

    fake.enqueue({ json: omelette, chunks: 30, chunkDelayMs: 100 });
    await Promise.all([stream(server.url, "cheese omelette", 1), stream(server.url, "cheese omelette", 2)]);
    await fake.waitFor((f) => f.aborted === 1, 5_000);
    expect(fake.calls).toBe(2);
  });

  it("a plain generate during an identical stream → 1 upstream call", async () => {
    fake.enqueue({ json: omelette, chunks: 6, chunkDelayMs: 60 });
    const first = firstPartial();
    const streamed = stream(server.url, "spanish omelette", undefined, first.onPartial);
    await first.promise;
    const plain = await server.client().recipe.generate.mutate({ dish: "Spanish omelette", diets: [], exclude: [] });
    expect(plain).toMatchObject({ recipe: omelette, cached: true });
    expect(doneOf(await streamed)).toMatchObject({ recipe: omelette, cached: false });
    expect(fake.calls).toBe(1);
  });

  it("every request carries thinkingConfig, safetySettings and a per-kind maxOutputTokens", async () => {
    fake.enqueue({ json: omelette }, { json: omelette, chunks: 2 }, { text: "About 74 °C in the thickest part." });
    await server.client().recipe.generate.mutate({ dish: "tortilla" });
    await stream(server.url, "frittata");
    await server.client().chat.send.mutate({ message: "What temperature should chicken reach?" });
    expect(fake.requests.map((r) => r.body.generationConfig?.maxOutputTokens)).toEqual([2048, 2048, 1024]);
    for (const request of fake.requests) {
      expect(request.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 0 });
      expect(request.body.safetySettings).toContainEqual({
        category: "HARM_CATEGORY_DANGEROUS_CONTENT",
        threshold: "BLOCK_MEDIUM_AND_ABOVE",
      });
    }
  });

  it("a safety block: recipe → UNPROCESSABLE_CONTENT (422), chat → refused: true", async () => {
    fake.enqueue({ json: omelette, finishReason: "SAFETY" });
    const error = await server
      .client()
      .recipe.generate.mutate({ dish: "fugu liver" })
      .catch((e: unknown) => e as { data?: { code?: string; httpStatus?: number } });
    expect((error as { data?: { code?: string; httpStatus?: number } }).data).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      httpStatus: 422,
    });
    fake.enqueue({ blockReason: "SAFETY" });
    const chat = await server.client().chat.send.mutate({ message: "How do I clean a fugu?" });
    expect(chat.refused).toBe(true);
  });
});

describe.runIf(redisUrl)("stream single-flight across two servers sharing Redis", () => {
  const servers: TestServer[] = [];
  beforeAll(async () => {
    const env = geminiEnv(fake, { REDIS_URL: redisUrl ?? "", GEMINI_MODEL: `gemini-test-${randomBytes(4).toString("hex")}` });
    servers.push(await startTestServer({ env }), await startTestServer({ env }));
  });
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  it("streams and plain calls on the other server wait for the first one's answer: 1 upstream call", async () => {
    const [a, b] = servers as [TestServer, TestServer];
    fake.enqueue({ json: omelette, chunks: 6, chunkDelayMs: 80 });
    const first = firstPartial();
    const onA = stream(a.url, "omelette lyonnaise", undefined, first.onPartial);
    await first.promise;
    const onB = [stream(b.url, "omelette lyonnaise"), stream(b.url, "Omelette Lyonnaise")];
    const plainOnB = b.client().recipe.generate.mutate({ dish: "omelette lyonnaise" });
    const [eventsA, ...eventsB] = await Promise.all([onA, ...onB]);
    expect(fake.calls).toBe(1);
    expect(partialsOf(eventsA!).length).toBeGreaterThanOrEqual(3);
    expect(doneOf(eventsA!)).toMatchObject({ recipe: omelette, cached: false });
    // The other process's joiners get the final answer (the partials stay in the process that streams them).
    for (const events of eventsB) expect(doneOf(events)).toMatchObject({ recipe: omelette, cached: true });
    expect(await plainOnB).toMatchObject({ recipe: omelette, cached: true });
  });
});
