import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe, signedInCaller } from "./support/saved-fixtures.js";

describe.each(databaseTargets())("share links on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(target);
  });
  afterAll(async () => {
    await h.close();
  });

  it("shares read-only with anyone holding the link, until unshared", async () => {
    const { caller } = await signedInCaller(h);
    const saved = await caller.saved.create({ recipe: makeRecipe({ title: "Grandma's pancakes" }), notes: "private note" });
    const link = await caller.saved.share({ id: saved.id });
    expect(link.id).toBe(saved.id);
    expect(link.shareToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.shareUrl).toBe(`http://127.0.0.1:3000/s/${link.shareToken}`);

    const { caller: anonymous } = await h.call();
    const shared = await anonymous.shared.byToken({ token: link.shareToken });
    expect(shared.title).toBe("Grandma's pancakes");
    expect(shared.recipe).toEqual(saved.recipe);
    expect(shared.sharedAt).toBeInstanceOf(Date);
    // The notes, tags and rating are the cook's own: never in a shared view.
    expect(JSON.stringify(shared)).not.toContain("private note");

    // Only the hash is stored.
    const stored = await h.db.selectFrom("recipe_shares").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(link.shareToken);

    await expect(caller.saved.unshare({ id: saved.id })).resolves.toEqual({ id: saved.id });
    await expectTrpcError(anonymous.shared.byToken({ token: link.shareToken }), "NOT_FOUND");
    // Unsharing twice is not an error for the owner.
    await expect(caller.saved.unshare({ id: saved.id })).resolves.toEqual({ id: saved.id });
  });

  it("sharing again replaces the link; deleting the recipe ends it", async () => {
    const { caller } = await signedInCaller(h);
    const saved = await caller.saved.create({ recipe: makeRecipe() });
    const first = await caller.saved.share({ id: saved.id });
    const second = await caller.saved.share({ id: saved.id });
    expect(second.shareToken).not.toBe(first.shareToken);
    const { caller: anonymous } = await h.call();
    await expectTrpcError(anonymous.shared.byToken({ token: first.shareToken }), "NOT_FOUND");
    await expect(anonymous.shared.byToken({ token: second.shareToken })).resolves.toMatchObject({ title: "Pancakes" });

    await caller.saved.delete({ id: saved.id });
    await expectTrpcError(anonymous.shared.byToken({ token: second.shareToken }), "NOT_FOUND");
    expect(await h.db.selectFrom("recipe_shares").selectAll().where("saved_id", "=", saved.id).execute()).toEqual([]);
  });

  it("answers a malformed token 400 and an unknown one 404", async () => {
    const { caller: anonymous } = await h.call();
    await expectTrpcError(anonymous.shared.byToken({ token: "short" }), "BAD_REQUEST");
    await expectTrpcError(anonymous.shared.byToken({ token: "A".repeat(43) }), "NOT_FOUND");
  });
});
