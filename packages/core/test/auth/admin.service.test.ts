import { describe, expect, it } from "vitest";
import { createAdminService } from "../../src/auth/admin.service.js";
import { createFakeUnitOfWork } from "../fakes/repositories.js";

async function setup() {
  const fake = createFakeUnitOfWork();
  const add = async (subject: string, role: "user" | "admin" = "user") => {
    const user = await fake.uow.repos.users.upsertIdentity({ provider: "dev", subject, email: `${subject}@x.io`, name: null, picture: null });
    return role === "admin" ? (await fake.uow.repos.users.setRole(user.id, "admin"))! : user;
  };
  return { ...fake, add, admin: createAdminService({ uow: fake.uow }) };
}

describe("admin service", () => {
  it("refuses callers whose stored role is not admin, whatever their token says", async () => {
    const { add, admin, writes } = await setup();
    const user = await add("user");
    await expect(admin.listUsers(user.id, { limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.setRole(user.id, { userId: user.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(writes).toEqual([]);
  });

  it("keeps at least one admin", async () => {
    const { add, admin } = await setup();
    const root = await add("root", "admin");
    await expect(admin.setRole(root.id, { userId: root.id, role: "user" })).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await add("second", "admin");
    // Either may now step down, but not both.
    await admin.setRole(second.id, { userId: root.id, role: "user" });
    await expect(admin.setRole(second.id, { userId: second.id, role: "user" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // A demoted admin has no admin powers left.
    await expect(admin.setRole(root.id, { userId: root.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects cursors it did not issue", async () => {
    const { add, admin } = await setup();
    const root = await add("root", "admin");
    for (const cursor of ["", "!!!", Buffer.from("u:not-a-uuid").toString("base64url"), "dTo="]) {
      await expect(admin.listUsers(root.id, { cursor, limit: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});
