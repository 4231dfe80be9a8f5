import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createMemoryAnswerCache } from "../../src/index.js";

describe("memory answer cache", () => {
  it("misses, computes and stores; then hits without computing", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 10 });
    let calls = 0;
    const compute = async () => ({ title: "Pad Thai", n: ++calls });
    expect(await cache.getOrCompute("k", 60, compute)).toEqual({ value: { title: "Pad Thai", n: 1 }, cached: false });
    expect(await cache.getOrCompute("k", 60, compute)).toEqual({ value: { title: "Pad Thai", n: 1 }, cached: true });
    expect(await cache.get("k")).toEqual({ title: "Pad Thai", n: 1 });
    expect(await cache.get("other")).toBeUndefined();
    expect(calls).toBe(1);
    expect(await cache.ping()).toBe(true);
  });

  it("hands out copies, so a caller editing its answer cannot change the cached one", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 10 });
    const first = await cache.getOrCompute("k", 60, async () => ({ warnings: [] as string[] }));
    first.value.warnings.push("edited");
    expect((await cache.getOrCompute("k", 60, async () => ({ warnings: ["fresh"] }))).value).toEqual({ warnings: [] });
  });

  it("expires each entry after its own TTL", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 10 });
    await cache.set("short", "a", 0.1);
    await cache.set("long", "b", 60);
    await sleep(150);
    expect(await cache.get("short")).toBeUndefined();
    expect(await cache.get("long")).toBe("b");
    const again = await cache.getOrCompute("short", 60, async () => "recomputed");
    expect(again).toEqual({ value: "recomputed", cached: false });
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 3 });
    for (const key of ["a", "b", "c"]) await cache.set(key, key, 60);
    await cache.get("a"); // a is now the most recently used
    await cache.set("d", "d", 60);
    expect(await cache.get("b")).toBeUndefined();
    expect(await Promise.all(["a", "c", "d"].map((key) => cache.get(key)))).toEqual(["a", "c", "d"]);
  });

  it("single-flight: 100 concurrent callers of one key cause one computation", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 10 });
    let calls = 0;
    const compute = async () => {
      calls++;
      await sleep(50);
      return { recipe: "pho" };
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.getOrCompute("pho", 60, compute)));
    expect(calls).toBe(1);
    expect(results.every((result) => result.value.recipe === "pho")).toBe(true);
    expect(results.filter((result) => !result.cached)).toHaveLength(1);
  });

  it("does not cache failures; the waiters of a failed flight get its error", async () => {
    const cache = createMemoryAnswerCache({ maxEntries: 10 });
    let calls = 0;
    const failing = async () => {
      calls++;
      await sleep(20);
      throw new Error("upstream down");
    };
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => cache.getOrCompute("k", 60, failing)));
    expect(calls).toBe(1);
    expect(settled.every((result) => result.status === "rejected" && String(result.reason).includes("upstream down"))).toBe(
      true,
    );
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.getOrCompute("k", 60, async () => "ok")).toEqual({ value: "ok", cached: false });
  });
});
