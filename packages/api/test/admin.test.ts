import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTargets } from "@sous/testkit";
import { createHarness, type Harness } from "./support/harness.js";
import { expectTrpcError } from "./support/expect-trpc.js";

describe.each(databaseTargets())("admin on $name", (target) => {
  let h: Harness;
  beforeEach(async () => {
    // The configured admin email is how the first admin of a deployment appears.
    h = await createHarness(target, { auth: { adminEmails: ["Boss@Example.com"] } });
  });
  afterEach(async () => {
    await h.close();
  });

  const as = async (accessToken: string) => (await h.call({ bearer: accessToken })).caller;

  it("refuses admin procedures to non-admins and anonymous callers", async () => {
    const user = await h.signIn("user@example.com");
    expect(user.user.role).toBe("user");
    const caller = await as(user.accessToken);
    await expectTrpcError(caller.admin.users.list({}), "FORBIDDEN");
    await expectTrpcError(caller.admin.users.setRole({ userId: user.user.id, role: "admin" }), "FORBIDDEN");
    await expectTrpcError((await h.call()).caller.admin.users.list({}), "UNAUTHORIZED");
    expect((await h.db.selectFrom("users").select("role").executeTakeFirstOrThrow()).role).toBe("user");
  });

  it("lets an admin promote and demote, effective at once", async () => {
    const boss = await h.signIn("boss@example.com");
    expect(boss.user.role).toBe("admin");
    const user = await h.signIn("user@example.com");
    const admin = await as(boss.accessToken);

    expect(await admin.admin.users.setRole({ userId: user.user.id, role: "admin" })).toMatchObject({
      id: user.user.id,
      role: "admin",
    });
    // The promoted user's next session carries the role.
    const promoted = await (await h.call()).caller.auth.refresh({ refreshToken: user.refreshToken! });
    expect(promoted.user.role).toBe("admin");
    await (await as(promoted.accessToken)).admin.users.list({});

    await admin.admin.users.setRole({ userId: user.user.id, role: "user" });
    // Its access token still says admin, but the database has the last word.
    await expectTrpcError((await as(promoted.accessToken)).admin.users.list({}), "FORBIDDEN");
  });

  it("never demotes the last admin", async () => {
    const boss = await h.signIn("boss@example.com");
    const admin = await as(boss.accessToken);
    await expectTrpcError(admin.admin.users.setRole({ userId: boss.user.id, role: "user" }), "CONFLICT");
    const other = await h.signIn("second@example.com");
    await admin.admin.users.setRole({ userId: other.user.id, role: "admin" });
    expect(await admin.admin.users.setRole({ userId: boss.user.id, role: "user" })).toMatchObject({ role: "user" });
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    const admin = await as((await h.signIn("boss@example.com")).accessToken);
    await expectTrpcError(
      admin.admin.users.setRole({ userId: "00000000-0000-4000-8000-000000000000", role: "admin" }),
      "NOT_FOUND",
    );
  });

  it("pages through users newest first without gaps or repeats", async () => {
    const boss = await h.signIn("boss@example.com");
    for (let i = 0; i < 6; i += 1) await h.signIn(`cook${i}@example.com`);
    const admin = await as(boss.accessToken);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.admin.users.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual([
      "cook5@example.com",
      "cook4@example.com",
      "cook3@example.com",
      "cook2@example.com",
      "cook1@example.com",
      "cook0@example.com",
      "boss@example.com",
    ]);
    await expectTrpcError(admin.admin.users.list({ cursor: "bm90LWEtY3Vyc29y" }), "BAD_REQUEST");
  });
});
