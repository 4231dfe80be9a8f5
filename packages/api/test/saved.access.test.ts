import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Caller, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe, signedInCaller, storedRows } from "./support/saved-fixtures.js";

const MISSING = "6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e";

describe.each(databaseTargets())("saved recipes between users on $name", (target) => {
  let h: Harness;
  let alice: { userId: string; caller: Caller };
  let bob: { userId: string; caller: Caller };
  let bobsId: string;

  beforeAll(async () => {
    h = await createHarness(target);
    alice = await signedInCaller(h, "alice@example.com");
    bob = await signedInCaller(h, "bob@example.com");
    await alice.caller.saved.create({ recipe: makeRecipe({ title: "Alice's soup" }), tags: ["soup"] });
    bobsId = (await bob.caller.saved.create({ recipe: makeRecipe({ title: "Bob's soup" }), tags: ["soup"], notes: "mine" }))
      .id;
    await bob.caller.saved.create({ recipe: makeRecipe({ title: "Bob's bread" }), idempotencyKey: "bread" });
  });
  afterAll(async () => {
    await h.close();
  });

  // Every id-taking procedure, as Alice, with Bob's id, an id nobody has, and something that is not an id.
  const procedures = {
    byId: (c: Caller, id: string) => c.saved.byId({ id }),
    byIdScaled: (c: Caller, id: string) => c.saved.byId({ id, servings: 2 }),
    update: (c: Caller, id: string) => c.saved.update({ id, title: "Taken", notes: "hijacked", rating: 1, tags: ["x"] }),
    updateNothing: (c: Caller, id: string) => c.saved.update({ id }),
    delete: (c: Caller, id: string) => c.saved.delete({ id }),
  };
  const ids = {
    "the other user's id": { id: () => bobsId, code: "NOT_FOUND" },
    "a missing id": { id: () => MISSING, code: "NOT_FOUND" },
    "a malformed id": { id: () => "not-a-uuid", code: "BAD_REQUEST" },
    "an injection attempt": { id: () => `${bobsId}' or '1'='1`, code: "BAD_REQUEST" },
  } as const;

  const cases = Object.keys(procedures).flatMap((procedure) =>
    Object.keys(ids).map((which) => [procedure, which] as [keyof typeof procedures, keyof typeof ids]),
  );

  it.each(cases)("%s with %s answers as if the row did not exist, changing nothing", async (procedure, which) => {
    const before = await storedRows(h);
    const error = await expectTrpcError(procedures[procedure](alice.caller, ids[which].id()), ids[which].code);
    if (ids[which].code === "NOT_FOUND") {
      // The same answer for someone else's row as for no row at all: nothing tells them apart.
      const missing = await expectTrpcError(procedures[procedure](alice.caller, MISSING), "NOT_FOUND");
      expect(error.message).toBe(missing.message);
    }
    expect(await storedRows(h)).toEqual(before);
  });

  it("lists, searches and filters only the caller's rows", async () => {
    expect((await alice.caller.saved.list({})).items.map((i) => i.title)).toEqual(["Alice's soup"]);
    expect((await alice.caller.saved.list({ q: "bread" })).items).toEqual([]);
    expect((await alice.caller.saved.list({ tag: "soup" })).items.map((i) => i.title)).toEqual(["Alice's soup"]);
    expect((await bob.caller.saved.list({ sort: "title" })).items.map((i) => i.title)).toEqual(["Bob's bread", "Bob's soup"]);
  });

  it("does not hand out another user's row through their idempotency key", async () => {
    const mine = await alice.caller.saved.create({ recipe: makeRecipe({ title: "Alice's bread" }), idempotencyKey: "bread" });
    expect(mine.title).toBe("Alice's bread");
    expect((await storedRows(h, bob.userId)).map((r) => r.title).sort()).toEqual(["Bob's bread", "Bob's soup"]);
    await alice.caller.saved.delete({ id: mine.id });
  });

  it("leaves the owner's row intact and usable", async () => {
    const row = await bob.caller.saved.byId({ id: bobsId });
    expect(row).toMatchObject({ title: "Bob's soup", notes: "mine", tags: ["soup"], rating: null });
    expect(row.updatedAt).toEqual(row.createdAt);
  });

  describe("without a valid credential", () => {
    const calls = {
      create: (c: Caller) => c.saved.create({ recipe: makeRecipe() }),
      list: (c: Caller) => c.saved.list({}),
      byId: (c: Caller) => c.saved.byId({ id: bobsId }),
      update: (c: Caller) => c.saved.update({ id: bobsId, title: "x" }),
      delete: (c: Caller) => c.saved.delete({ id: bobsId }),
    };
    it.each(Object.keys(calls) as (keyof typeof calls)[])("%s answers UNAUTHORIZED and writes nothing", async (name) => {
      const before = await storedRows(h);
      await expectTrpcError(calls[name]((await h.call()).caller), "UNAUTHORIZED");
      await expectTrpcError(calls[name]((await h.call({ bearer: "not-a-token" })).caller), "UNAUTHORIZED");
      expect(await storedRows(h)).toEqual(before);
    });
  });
});
