import type { GenerateStreamEvent } from "@sous/core";
import { databaseTargets, startFakeGemini, type FakeGemini } from "@sous/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminiHarness, padThai } from "./support/ai.js";
import type { Caller, Harness } from "./support/harness.js";

/**
 * Single-flight of recipe.generateStream through createCaller: real services, the real Gemini provider against
 * the loopback fake, which streams its answer in delayed chunks so that callers can join mid-stream.
 */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());

type Partial = Extract<GenerateStreamEvent, { type: "partial" }>;
type Done = Extract<GenerateStreamEvent, { type: "done" }>;

/** Runs one subscription; `stopAfter` partials, then leaves (breaks out of the loop) when given. */
async function consume(caller: Caller, dish: string, options: { stopAfter?: number; onPartial?: () => void } = {}) {
  const partials: Partial["recipe"][] = [];
  let done: Done["result"] | undefined;
  for await (const event of await caller.recipe.generateStream({ dish })) {
    if (event.type === "partial") {
      partials.push(event.recipe);
      options.onPartial?.();
      if (options.stopAfter !== undefined && partials.length >= options.stopAfter) break;
    } else done = event.result;
  }
  return { partials, done };
}

/** Resolves after the first partial of a stream started by `consume`. */
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

describe.each(databaseTargets())("recipe.generateStream single-flight on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    fake.reset();
    h = await geminiHarness(target, fake);
  });
  afterEach(() => h.close());

  const anonymous = async () => (await h.call()).caller;

  it.each([5, 100])("%i concurrent identical streams → 1 upstream call; joiners get every partial", async (n) => {
    // The last chunk waits until every caller has had a partial, so none arrives after the answer is cached.
    const joined = countdown(n);
    fake.enqueue({ json: padThai, chunks: 8, chunkDelayMs: 20, holdLast: joined.promise });
    const caller = await anonymous();
    const first = firstPartial();
    const leader = consume(caller, "pad thai", { onPartial: onFirst(() => (first.onPartial(), joined.tick())) });
    // Half join before any partial exists, half after the first one: they get it replayed.
    const early = Array.from({ length: Math.floor((n - 1) / 2) }, () => consume(caller, "Pad Thai", { onPartial: onFirst(joined.tick) }));
    await first.promise;
    const late = Array.from({ length: n - 1 - early.length }, () =>
      consume(caller, "pad thai.", { onPartial: onFirst(joined.tick) }),
    );
    const results = await Promise.all([leader, ...early, ...late]);

    expect(fake.calls).toBe(1);
    const leaderResult = results[0]!;
    expect(leaderResult.partials.length).toBeGreaterThanOrEqual(3);
    for (const result of results) {
      expect(result.partials).toEqual(leaderResult.partials);
      expect(result.done?.recipe).toEqual(padThai);
    }
    expect(results.filter((r) => r.done?.cached === false)).toHaveLength(1);
    expect(leaderResult.done?.cached).toBe(false);
  });

  it("one member leaving does not cancel the call the others wait on", async () => {
    fake.enqueue({ json: padThai, chunks: 8, chunkDelayMs: 40 });
    const caller = await anonymous();
    const leaver = consume(caller, "pad thai", { stopAfter: 1 });
    const stayers = Array.from({ length: 4 }, () => consume(caller, "pad thai"));
    const gone = await leaver;
    expect(gone.done).toBeUndefined();
    const results = await Promise.all(stayers);
    for (const result of results) expect(result.done?.recipe).toEqual(padThai);
    expect(fake.calls).toBe(1);
    expect(fake.aborted).toBe(0);
    // Completed and cached even though the member that started it left.
    expect((await caller.recipe.generate({ dish: "pad thai" })).cached).toBe(true);
    expect(fake.calls).toBe(1);
  });

  it("the last member leaving cancels the upstream call, and nothing is cached", async () => {
    fake.enqueue({ json: padThai, chunks: 20, chunkDelayMs: 60 });
    const caller = await anonymous();
    const gone = await Promise.all([
      consume(caller, "pad thai", { stopAfter: 1 }),
      consume(caller, "pad thai", { stopAfter: 2 }),
    ]);
    expect(gone.every((g) => g.done === undefined)).toBe(true);
    await fake.waitFor((f) => f.aborted === 1, 5_000);

    fake.enqueue({ json: padThai });
    expect((await caller.recipe.generate({ dish: "pad thai" })).cached).toBe(false);
    expect(fake.calls).toBe(2);
  });

  it("a plain generate during an identical stream joins it: 1 upstream call", async () => {
    fake.enqueue({ json: padThai, chunks: 6, chunkDelayMs: 40 });
    const caller = await anonymous();
    const first = firstPartial();
    const stream = consume(caller, "pad thai", { onPartial: first.onPartial });
    await first.promise;
    const plain = await caller.recipe.generate({ dish: "Pad Thai" });
    expect(plain).toMatchObject({ recipe: padThai, cached: true });
    expect((await stream).done).toMatchObject({ recipe: padThai, cached: false });
    expect(fake.calls).toBe(1);
  });

  it("a plain generate keeps a stream it joined alive when the stream's only subscriber leaves", async () => {
    fake.enqueue({ json: padThai, chunks: 8, chunkDelayMs: 40 });
    const caller = await anonymous();
    const first = firstPartial();
    const stream = consume(caller, "pad thai", { stopAfter: 2, onPartial: first.onPartial });
    await first.promise;
    const plain = caller.recipe.generate({ dish: "pad thai" });
    await stream;
    expect((await plain).recipe).toEqual(padThai);
    expect(fake.calls).toBe(1);
    expect(fake.aborted).toBe(0);
  });

  it("a stream during an identical plain generate joins it: 1 upstream call", async () => {
    fake.enqueue({ json: padThai, delayMs: 200 });
    const caller = await anonymous();
    const plain = caller.recipe.generate({ dish: "pad thai" });
    await fake.waitFor((f) => f.calls === 1);
    const stream = await consume(caller, "pad thai");
    expect(stream.done).toMatchObject({ recipe: padThai, cached: true });
    expect((await plain).cached).toBe(false);
    expect(fake.calls).toBe(1);
  });

  it("the tokens of a shared stream are recorded once; every member's call counts", async () => {
    fake.enqueue({ json: padThai, chunks: 4, chunkDelayMs: 30, usage: { promptTokenCount: 100, candidatesTokenCount: 300 } });
    const caller = await anonymous();
    await Promise.all(Array.from({ length: 3 }, () => consume(caller, "pad thai")));
    await h.services.usage.flush();
    const row = await h.db.selectFrom("ai_usage").selectAll().executeTakeFirstOrThrow();
    expect({ calls: Number(row.calls), input: Number(row.input_tokens), output: Number(row.output_tokens) }).toEqual({
      calls: 3,
      input: 100,
      output: 300,
    });
  });
});
