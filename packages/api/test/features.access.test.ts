import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Caller, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe, signedInCaller } from "./support/saved-fixtures.js";
import { countEveryTable } from "./support/table-counts.js";

const MISSING = "6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";

/** Bob's rows of every new kind, as a snapshot: nothing Alice tries may change them. */
async function bobsRows(h: Harness, userId: string) {
  return {
    shares: await h.db.selectFrom("recipe_shares").selectAll().where("user_id", "=", userId).execute(),
    shopping: await h.db.selectFrom("shopping_items").selectAll().where("user_id", "=", userId).orderBy("id").execute(),
    plan: await h.db.selectFrom("plan_entries").selectAll().where("user_id", "=", userId).orderBy("id").execute(),
    saved: await h.db.selectFrom("saved_recipes").selectAll().where("user_id", "=", userId).orderBy("id").execute(),
  };
}

describe.each(databaseTargets())("share, shopping and plan between users on $name", (target) => {
  let h: Harness;
  let alice: { userId: string; caller: Caller };
  let bob: { userId: string; caller: Caller };
  const ids = { saved: "", shopping: "", plan: "" };

  beforeAll(async () => {
    h = await createHarness(target);
    alice = await signedInCaller(h, "alice@example.com");
    bob = await signedInCaller(h, "bob@example.com");
    await alice.caller.saved.create({ recipe: makeRecipe({ title: "Alice's" }) });
    const saved = await bob.caller.saved.create({ recipe: makeRecipe({ title: "Bob's" }) });
    ids.saved = saved.id;
    await bob.caller.saved.share({ id: saved.id });
    ids.shopping = (await bob.caller.shopping.addRecipe({ savedId: saved.id })).items[0]!.id;
    ids.plan = (await bob.caller.plan.set({ date: "2026-06-01", meal: "lunch", savedId: saved.id })).id;
  });
  afterAll(async () => {
    await h.close();
  });

  // Every new procedure that takes an id, called by Alice with the id of Bob's row of that kind.
  const procedures: Record<string, { kind: keyof typeof ids; call: (c: Caller, id: string) => Promise<unknown> }> = {
    "saved.share": { kind: "saved", call: (c, id) => c.saved.share({ id }) },
    "saved.unshare": { kind: "saved", call: (c, id) => c.saved.unshare({ id }) },
    "shopping.addRecipe": { kind: "saved", call: (c, id) => c.shopping.addRecipe({ savedId: id, servings: 2 }) },
    "shopping.check": { kind: "shopping", call: (c, id) => c.shopping.check({ id, checked: true }) },
    "shopping.remove": { kind: "shopping", call: (c, id) => c.shopping.remove({ id }) },
    "plan.set": { kind: "saved", call: (c, id) => c.plan.set({ date: "2026-06-02", meal: "dinner", savedId: id }) },
    "plan.remove": { kind: "plan", call: (c, id) => c.plan.remove({ id }) },
  };

  it.each(Object.keys(procedures))("%s with the other user's id answers NOT_FOUND, as for a missing id, changing nothing", async (name) => {
    const { kind, call } = procedures[name]!;
    const before = await bobsRows(h, bob.userId);
    const counts = await countEveryTable(h);
    const error = await expectTrpcError(call(alice.caller, ids[kind]), "NOT_FOUND");
    const missing = await expectTrpcError(call(alice.caller, MISSING), "NOT_FOUND");
    expect(error.message).toBe(missing.message);
    await expectTrpcError(call(alice.caller, "not-a-uuid"), "BAD_REQUEST");
    expect(await bobsRows(h, bob.userId)).toEqual(before);
    expect(await countEveryTable(h)).toEqual(counts);
  });

  it("lists show only the caller's rows", async () => {
    expect((await alice.caller.shopping.list()).items).toEqual([]);
    expect((await alice.caller.plan.week({ start: "2026-06-01" })).days.flatMap((d) => d.meals)).toEqual([]);
    expect((await bob.caller.plan.week({ start: "2026-06-01" })).days[0]?.meals).toHaveLength(1);
  });
});
