import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../src/index.js";
import { databaseTargets } from "./targets.js";

const padThai = {
  title: "Pad Thai",
  ingredients: [{ name: "rice noodles" }, { name: "tamarind paste" }, { name: "roasted peanuts" }],
  steps: ["Soak the noodles."],
};

describe.each(databaseTargets())("saved_recipes.search on $name", (target) => {
  let handle: DbHandle;
  let userId: string;
  let recipeId: string;

  beforeAll(async () => {
    handle = await target.create();
    userId = (
      await handle.db
        .insertInto("users")
        .values({ provider: "dev", subject: "cook", email: "cook@example.com" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    recipeId = (
      await handle.db
        .insertInto("saved_recipes")
        .values({ user_id: userId, title: padThai.title, recipe: JSON.stringify(padThai), notes: "Extra lime" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await handle.db
      .insertInto("saved_recipes")
      .values({ user_id: userId, title: "Tomato soup", recipe: JSON.stringify({ ingredients: [{ name: "tomatoes" }] }) })
      .execute();
  });
  afterAll(() => handle.close());

  const search = async (query: string) => {
    const rows = await handle.db
      .selectFrom("saved_recipes")
      .select("title")
      .where(sql<boolean>`search @@ websearch_to_tsquery('english', ${query})`)
      .orderBy("title")
      .execute();
    return rows.map((r) => r.title);
  };

  it("matches the title, ingredient names and notes, stemmed", async () => {
    expect(await search("pad")).toEqual(["Pad Thai"]);
    expect(await search("noodle")).toEqual(["Pad Thai"]); // "rice noodles" in recipe.ingredients
    expect(await search("peanut tamarind")).toEqual(["Pad Thai"]);
    expect(await search("lime")).toEqual(["Pad Thai"]); // notes
    expect(await search("tomato")).toEqual(["Tomato soup"]);
    expect(await search("noodles -peanuts")).toEqual([]);
    expect(await search("chocolate")).toEqual([]);
  });

  it("does not index other recipe text such as steps", async () => {
    expect(await search("soak")).toEqual([]);
  });

  it("follows updates: the database recomputes the column", async () => {
    await handle.db
      .updateTable("saved_recipes")
      .set({ notes: "Great with basil", title: "Weeknight noodles" })
      .where("id", "=", recipeId)
      .execute();
    expect(await search("lime")).toEqual([]);
    expect(await search("basil")).toEqual(["Weeknight noodles"]);
    expect(await search("pad")).toEqual([]);
  });

  it("ranks a title match above a notes match", async () => {
    await handle.db
      .insertInto("saved_recipes")
      .values({ user_id: userId, title: "Basil pesto", recipe: JSON.stringify({ ingredients: [] }) })
      .execute();
    const ranked = await handle.db
      .selectFrom("saved_recipes")
      .select("title")
      .where(sql<boolean>`search @@ websearch_to_tsquery('english', 'basil')`)
      .orderBy(sql`ts_rank(search, websearch_to_tsquery('english', 'basil'))`, "desc")
      .execute();
    expect(ranked.map((r) => r.title)).toEqual(["Basil pesto", "Weeknight noodles"]);
  });
});
