import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";
import { makeRecipe } from "./support/saved-fixtures.js";
import { countEveryTable } from "./support/table-counts.js";

/** A user with a row in every table: saved, shared, planned, on the list, a chat, an API token, AI usage. */
async function busyUser(h: Harness, email: string) {
  const session = await h.signIn(email);
  const { caller } = await h.call({ bearer: session.accessToken });
  const saved = await caller.saved.create({ recipe: makeRecipe({ title: `${email}'s pancakes` }), notes: "secret family tip" });
  const link = await caller.saved.share({ id: saved.id });
  await caller.plan.set({ date: "2026-05-05", meal: "dinner", savedId: saved.id });
  await caller.shopping.addRecipe({ savedId: saved.id });
  await caller.chat.send({ message: "How long do I rest pancake batter?" });
  await caller.recipe.generate({ dish: "pancakes" });
  const token = await caller.auth.apiTokens.create({ name: "script" });
  await h.services.usage.flush();
  return { session, caller, saved, link, token };
}

describe.each(databaseTargets())("account export and delete on $name", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(target);
  });
  afterAll(async () => {
    await h.close();
  });

  it("exports everything of the caller, and deleting leaves no row of theirs in any table", async () => {
    const bob = await busyUser(h, "bob@example.com");
    const before = await countEveryTable(h);

    const alice = await busyUser(h, "alice@example.com");
    const withAlice = await countEveryTable(h);
    // Alice has rows in every table, so the comparison below covers each one (a new table must be filled here too).
    for (const [table, n] of Object.entries(withAlice)) expect([table, n]).not.toEqual([table, before[table]]);

    const data = await alice.caller.account.export();
    expect(data.user).toMatchObject({ email: "alice@example.com" });
    expect(data.saved.map((s) => [s.title, s.notes])).toEqual([["alice@example.com's pancakes", "secret family tip"]]);
    expect(data.shares).toEqual([{ savedId: alice.saved.id, createdAt: expect.any(Date) }]);
    expect(data.plan).toMatchObject([{ date: "2026-05-05", meal: "dinner", savedId: alice.saved.id }]);
    expect(data.shopping.length).toBe(alice.saved.recipe.ingredients.length);
    expect(data.conversations).toHaveLength(1);
    expect(data.conversations[0]?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(data.apiTokens).toEqual([expect.objectContaining({ id: alice.token.id, name: "script" })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.aiUsage.length).toBeGreaterThan(0);
    // Metadata only: no token, no hash, and nothing of Bob's.
    const json = JSON.stringify(data);
    expect(json).not.toContain(alice.token.token);
    expect(json).not.toContain(alice.link.shareToken);
    expect(json).not.toMatch(/hash/i);
    expect(json).not.toContain("bob@example.com");
    expect(json).not.toContain(bob.saved.id);

    await expectTrpcError(alice.caller.account.delete({ confirm: "yes" as never }), "BAD_REQUEST");
    await expect(alice.caller.account.delete({ confirm: "delete my account" })).resolves.toEqual({ ok: true });
    await h.services.usage.flush();
    expect(await countEveryTable(h)).toEqual(before);

    // Sessions and tokens are gone with the account; the share link too.
    const { caller: anonymous } = await h.call();
    await expectTrpcError(anonymous.auth.refresh({ refreshToken: alice.session.refreshToken! }), "UNAUTHORIZED");
    const { caller: viaToken } = await h.call({ bearer: alice.token.token });
    await expectTrpcError(viaToken.saved.list({}), "UNAUTHORIZED");
    await expectTrpcError(anonymous.shared.byToken({ token: alice.link.shareToken }), "NOT_FOUND");

    // Bob is untouched.
    expect((await bob.caller.account.export()).saved).toHaveLength(1);
    await expect(anonymous.shared.byToken({ token: bob.link.shareToken })).resolves.toMatchObject({ title: "bob@example.com's pancakes" });
  });

  it("needs a signed-in caller", async () => {
    const { caller } = await h.call();
    await expectTrpcError(caller.account.export(), "UNAUTHORIZED");
    await expectTrpcError(caller.account.delete({ confirm: "delete my account" }), "UNAUTHORIZED");
  });
});
