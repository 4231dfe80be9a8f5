import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle, SavedListQuery } from "../src/index.js";
import { savedListStatement } from "../src/repositories/saved-list.query.js";
import { databaseTargets } from "./targets.js";

// saved.list reads no jsonb and is an index scan cut short by LIMIT, on both databases. The plans are those
// of a realistic table: many users with 100 recipes each (documents big enough to be worth not reading), and
// statistics gathered, as autovacuum would have them.
const USERS = 30;
const PER_USER = 100;

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Scan Direction"?: string;
  Output?: string[];
  Plans?: PlanNode[];
}

const outputs = (node: PlanNode): string[] => [...(node.Output ?? []), ...(node.Plans ?? []).flatMap(outputs)];
const readsRecipe = (node: PlanNode) => outputs(node).some((column) => /\brecipe\b/.test(column));

describe.each(databaseTargets())("saved.list plan on $name", (target) => {
  let handle: DbHandle;
  let userId: string;
  let statement: ReturnType<typeof savedListStatement>;

  beforeAll(async () => {
    handle = await target.create();
    statement = savedListStatement(handle.db);
    await sql`
      insert into users (provider, subject, email)
      select 'dev', 'cook-' || g, 'cook-' || g || '@example.com' from generate_series(1, ${USERS}) g`.execute(handle.db);
    await sql`
      with body as (
        select jsonb_build_object(
          'difficulty', 'easy', 'prepMinutes', 10, 'cuisine', 'thai', 'servings', 4,
          'ingredients', (select jsonb_agg(jsonb_build_object('name', 'ingredient ' || i, 'quantity', i)) from generate_series(1, 20) i),
          'steps', (select jsonb_agg(repeat('Stir and taste. ', 10)) from generate_series(1, 10) s)) as doc
      )
      insert into saved_recipes (user_id, title, recipe, tags, created_at)
      select u.id, 'Recipe ' || g,
        body.doc || jsonb_build_object('title', 'Recipe ' || g, 'summary', 'Short summary ' || g, 'cookMinutes', g),
        array['tag-' || (g % 5)],
        now() - g * interval '1 minute'
      from users u cross join generate_series(1, ${PER_USER}) g cross join body`.execute(handle.db);
    await sql`analyze saved_recipes`.execute(handle.db);
    userId = (await handle.db.selectFrom("users").select("id").where("subject", "=", "cook-7").executeTakeFirstOrThrow()).id;
  }, 180_000);
  afterAll(() => handle?.close());

  async function plan(compiled: CompiledQuery): Promise<PlanNode> {
    const explain = CompiledQuery.raw(`explain (format json, verbose) ${compiled.sql}`, [...compiled.parameters]);
    const { rows } = await handle.db.executeQuery<{ "QUERY PLAN": unknown }>(explain);
    const raw = rows[0]?.["QUERY PLAN"];
    const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    return parsed[0]!.Plan;
  }

  // Called inside the tests: the user exists only once beforeAll has run.
  const page = (query: Partial<SavedListQuery>): SavedListQuery => ({ userId, sort: "newest", limit: 21, ...query });

  it.each([
    ["newest", "saved_recipes_newest_idx", "Forward"],
    ["oldest", "saved_recipes_newest_idx", "Backward"],
    ["title", "saved_recipes_title_idx", "Forward"],
  ] as const)("sorted %s: Limit over an index scan in the sort's order, reading no jsonb", async (sort, index, direction) => {
    const query = page({ sort });
    for (const continued of [false, true]) {
      const after = !continued
        ? undefined
        : query.sort === "title"
          ? ({ sort: "title", title: "Recipe 50", id: "00000000-0000-4000-8000-000000000000" } as const)
          : ({ sort: query.sort, createdAt: new Date(Date.now() - 50 * 60_000), id: "00000000-0000-4000-8000-000000000000" } as const);
      const root = await plan(statement({ ...query, after }));
      expect(root["Node Type"]).toBe("Limit");
      const scan = root.Plans?.[0];
      expect(scan?.["Node Type"]).toBe("Index Scan");
      expect(scan?.["Relation Name"]).toBe("saved_recipes");
      expect(scan?.["Index Name"]).toBe(index);
      expect(scan?.["Scan Direction"]).toBe(direction);
      expect(outputs(root)).toContain("summary");
      expect(readsRecipe(root)).toBe(false);
    }
  });

  it("reads no jsonb when filtering by tag or searching either", async () => {
    for (const query of [page({ tag: "tag-1" }), page({ q: "recipe" }), page({ sort: "title", tag: "tag-2", q: "ingredient" })]) {
      const root = await plan(statement(query));
      expect(root["Node Type"]).toBe("Limit");
      expect(outputs(root)).toContain("total_minutes");
      expect(readsRecipe(root)).toBe(false);
    }
  });

  it("would see it if the list read the recipe document (the check above can fail)", async () => {
    const fromJson = CompiledQuery.raw(
      `select id, recipe->>'summary' as summary from saved_recipes where user_id = $1 order by created_at desc, id desc limit 21`,
      [userId],
    );
    expect(readsRecipe(await plan(fromJson))).toBe(true);
  });

  it("answers from the generated columns what the recipe says", async () => {
    const { rows } = await handle.db.executeQuery(statement(page({ limit: 3 })));
    expect(rows.map((r) => [r.title, r.summary, r.cuisine, r.totalMinutes, r.servings])).toEqual([
      ["Recipe 1", "Short summary 1", "thai", 11, 4],
      ["Recipe 2", "Short summary 2", "thai", 12, 4],
      ["Recipe 3", "Short summary 3", "thai", 13, 4],
    ]);
  });
});
