import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationsRepository, createUsersRepository, type DbHandle } from "../src/index.js";
import { databaseTargets } from "./targets.js";

describe.each(databaseTargets())("conversations repository on $name", (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.create();
  });
  afterAll(() => handle.close());

  const at = new Date("2030-01-01T12:00:00.000Z");
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

  async function user(subject: string) {
    return createUsersRepository(handle.db).upsertIdentity({ provider: "dev", subject, email: `${subject}@example.com`, name: null, picture: null });
  }

  it("keeps messages in the order they were appended, even with one timestamp inside one transaction", async () => {
    const owner = await user("order");
    const id = await handle.db.transaction().execute(async (trx) => {
      const repo = createConversationsRepository(trx);
      const conversation = await repo.create({ userId: owner.id, title: "t", at, expiresAt: null });
      for (let i = 0; i < 6; i++) {
        await repo.appendMessage({ conversationId: conversation.id, role: i % 2 ? "assistant" : "user", content: `m${i}`, at });
      }
      return conversation.id;
    });
    const repo = createConversationsRepository(handle.db);
    const all = await repo.history(id, { userId: owner.id }, 100);
    expect(all.map((m) => m.content)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5"]);
    expect((await repo.history(id, { userId: owner.id }, 2)).map((m) => m.content)).toEqual(["m4", "m5"]);
  });

  it("filters every read and delete by owner in the statement itself", async () => {
    const [alice, bob] = [await user("alice"), await user("bob")];
    const repo = createConversationsRepository(handle.db);
    const mine = await repo.create({ userId: alice.id, title: "alice's", at, expiresAt: null });
    await repo.appendMessage({ conversationId: mine.id, role: "user", content: "secret", at });
    const anonymous = await repo.create({ userId: null, title: "anon", at, expiresAt: later(60) });

    expect(await repo.find(mine.id, { userId: bob.id })).toBeUndefined();
    expect(await repo.find(mine.id, { anonymous: true, now: at })).toBeUndefined();
    expect(await repo.history(mine.id, { userId: bob.id }, 10)).toEqual([]);
    expect(await repo.deleteForUser(mine.id, bob.id)).toBe(false);
    expect((await repo.find(mine.id, { userId: alice.id }))?.title).toBe("alice's");

    expect(await repo.find(anonymous.id, { userId: alice.id })).toBeUndefined();
    expect((await repo.find(anonymous.id, { anonymous: true, now: later(59) }))?.id).toBe(anonymous.id);
    expect(await repo.find(anonymous.id, { anonymous: true, now: later(60) })).toBeUndefined();
    expect(await repo.deleteExpired(later(59))).toBe(0);
    expect(await repo.deleteExpired(later(60))).toBe(1);
    expect(await repo.deleteForUser(mine.id, alice.id)).toBe(true);
    expect(await repo.history(mine.id, { userId: alice.id }, 10)).toEqual([]);
  });

  it("lists a user's conversations by last activity with a keyset cursor", async () => {
    const owner = await user("lister");
    const repo = createConversationsRepository(handle.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await repo.create({ userId: owner.id, title: `c${i}`, at: later(i), expiresAt: null })).id);
    await repo.touch({ id: ids[0]!, at: later(100), expiresAt: null });

    const first = await repo.listByUser(owner.id, { limit: 3 });
    expect(first.map((c) => c.title)).toEqual(["c0", "c4", "c3"]);
    const last = first.at(-1)!;
    const rest = await repo.listByUser(owner.id, { limit: 3, cursor: { updatedAt: last.updatedAt, id: last.id } });
    expect(rest.map((c) => c.title)).toEqual(["c2", "c1"]);
  });
});
