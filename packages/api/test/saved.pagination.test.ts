import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import type { RouterOutputs } from "../src/index.js";
import { createHarness, type Caller, type Harness } from "./support/harness.js";
import { backdate, makeRecipe, signedInCaller } from "./support/saved-fixtures.js";

type Item = RouterOutputs["saved"]["list"]["items"][number];
type Sort = "newest" | "oldest" | "title";

// Titles that differ in their first letter, or not at all (ignoring case): their order after lower() is the
// same under every collation, so the expected order can be computed here. Equal titles exercise the id
// tie-break; so do the equal creation times set below.
const TITLES = ["Apple pie", "apple pie", "Banana bread", "cherry tart", "Dal", "Dal", "DAL", "eggs Benedict", "Falafel",
  "gazpacho", "Hummus", "hummus", "Irish stew", "Jambalaya", "kedgeree", "Lasagne", "Moussaka", "Nasi goreng",
  "Omelette", "paella", "Quiche", "Ratatouille", "Shakshuka", "Tagine", "Udon"];

/** The order each sort promises: its key, then id, both in the sort's direction. */
function compare(sort: Sort, a: Item, b: Item): number {
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  if (sort === "title") {
    const [x, y] = [a.title.toLowerCase(), b.title.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : byId;
  }
  const byTime = a.createdAt.getTime() - b.createdAt.getTime() || byId;
  return sort === "oldest" ? byTime : -byTime;
}

async function walk(caller: Caller, sort: Sort, limit: number, between: (page: Item[], index: number) => Promise<void>) {
  const seen: Item[] = [];
  let cursor: string | undefined;
  for (let index = 0; ; index++) {
    const page = await caller.saved.list({ sort, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
    await between(page.items, index);
  }
}

describe.each(databaseTargets())("saved.list pagination on $name", (target) => {
  let h: Harness;
  let caller: Caller;
  let other: Caller;
  beforeAll(async () => {
    h = await createHarness(target);
    ({ caller } = await signedInCaller(h));
    ({ caller: other } = await signedInCaller(h));
    await other.saved.create({ recipe: makeRecipe({ title: "Another user's apple pie" }) });
  });
  afterAll(async () => {
    await h.close();
  });

  /**
   * 25 rows created in the past, three per second so creation times tie, each written with microseconds: the
   * database keeps milliseconds (what a cursor carries), or a page boundary would repeat or skip rows.
   */
  async function seed(): Promise<Item[]> {
    await h.db.deleteFrom("saved_recipes").where("title", "not like", "Another user%").execute();
    const base = Date.parse("2024-06-01T12:00:00.000Z");
    for (const [i, title] of TITLES.entries()) {
      const { id } = await caller.saved.create({ recipe: makeRecipe({ title }) });
      const at = new Date(base + Math.floor(i / 3) * 1000).toISOString().replace(".000Z", ".123456Z");
      await backdate(h, id, at);
    }
    return (await caller.saved.list({ limit: 100 })).items;
  }

  it.each(["newest", "oldest", "title"] as const)("walks every row once, in order, by %s", async (sort) => {
    const all = await seed();
    expect(all).toHaveLength(TITLES.length);
    const seen = await walk(caller, sort, 4, async () => {});
    expect(seen.map((i) => i.id)).toEqual([...all].sort((a, b) => compare(sort, a, b)).map((i) => i.id));
  });

  it.each(["newest", "oldest", "title"] as const)(
    "skips and repeats nothing by %s while rows are added and deleted between pages",
    async (sort) => {
      const all = await seed();
      const deletedUnseen = new Set<string>();
      const added: { id: string; title: string }[] = [];
      const seenSoFar = new Set<string>();
      const seen = await walk(caller, sort, 4, async (page, index) => {
        for (const item of page) seenSoFar.add(item.id);
        // The row the cursor points at goes away: the cursor holds values, not a row, so it stays valid.
        await caller.saved.delete({ id: page.at(-1)!.id });
        // So does a row not reached yet.
        const ahead = all.find((i) => !seenSoFar.has(i.id) && !deletedUnseen.has(i.id));
        if (ahead && index % 2 === 0) {
          await caller.saved.delete({ id: ahead.id });
          deletedUnseen.add(ahead.id);
        }
        // New rows: created now (after every seeded row), titled to land before and after the cursor.
        for (const title of [`Aardvark ${index}`, `Zucchini ${index}`]) {
          const { id } = await caller.saved.create({ recipe: makeRecipe({ title }) });
          added.push({ id, title });
        }
      });

      const ids = seen.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 1; i < seen.length; i++) expect(compare(sort, seen[i - 1]!, seen[i]!)).toBeLessThan(0);
      // Every seeded row not deleted ahead of the walk shows up; none deleted ahead does.
      const expected = all.filter((i) => !deletedUnseen.has(i.id)).map((i) => i.id);
      expect(ids.filter((id) => !added.some((a) => a.id === id))).toEqual(
        [...all].sort((a, b) => compare(sort, a, b)).map((i) => i.id).filter((id) => expected.includes(id)),
      );
      expect(deletedUnseen.size).toBeGreaterThan(0);
      // Added rows show up exactly when they sort after where the walk was: never for newest (they are the
      // newest of all); always for oldest; for title, the "Zucchini" ones but not the "Aardvark" ones.
      expect(added.length).toBeGreaterThan(0);
      const addedSeen = added.filter((a) => ids.includes(a.id)).map((a) => a.title).sort();
      const addedAll = added.map((a) => a.title).sort();
      if (sort === "newest") expect(addedSeen).toEqual([]);
      if (sort === "oldest") expect(addedSeen).toEqual(addedAll);
      if (sort === "title") expect(addedSeen).toEqual(addedAll.filter((t) => t.startsWith("Zucchini")));
    },
  );

  it("pages a filtered list the same way", async () => {
    await seed();
    const pie1 = await caller.saved.list({ q: "pie", limit: 1, sort: "title" });
    const pie2 = await caller.saved.list({ q: "pie", limit: 1, sort: "title", cursor: pie1.nextCursor! });
    const pies = [...pie1.items, ...pie2.items];
    expect(pies.map((i) => i.title.toLowerCase())).toEqual(["apple pie", "apple pie"]);
    expect(pies[0]!.id < pies[1]!.id).toBe(true);
    expect(pie2.nextCursor).toBeNull();
    const first = await caller.saved.list({ q: "dal", limit: 2, sort: "oldest" });
    const second = await caller.saved.list({ q: "dal", limit: 2, sort: "oldest", cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.title)).toEqual(["Dal", "Dal", "DAL"]);
    expect(second.nextCursor).toBeNull();
  });

  it("ends with a null cursor exactly at the last row", async () => {
    await seed();
    const exact = await caller.saved.list({ limit: TITLES.length });
    expect(exact.items).toHaveLength(TITLES.length);
    expect(exact.nextCursor).toBeNull();
    const oneShort = await caller.saved.list({ limit: TITLES.length - 1 });
    const last = await caller.saved.list({ limit: TITLES.length, cursor: oneShort.nextCursor! });
    expect(last.items).toHaveLength(1);
    expect(last.nextCursor).toBeNull();
  });
});
