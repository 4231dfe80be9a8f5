import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database, SavedKeyset, SavedListQuery } from "../src/index.js";
import { savedListStatement, savedListStatementRebuilt } from "../src/index.js";
import { boundValues, compiledByShape, type Placeholders } from "../src/query-shapes.js";

// Compiles without a database: what is checked here is the SQL and its parameters.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

interface Params {
  userId: string;
  email: string | undefined;
  limit: number;
}

function build(shape: { byEmail: boolean; newestFirst: boolean }, p: Placeholders<Params>) {
  let query = db.selectFrom("users").select(["id", "email"]).where("id", "=", p.userId).limit(p.limit);
  if (shape.byEmail) query = query.where(sql<boolean>`lower(email) = lower(${p.email})`);
  // A value written into the query itself, not a parameter of the call: kept as it is.
  query = query.where("provider", "=", "dev");
  return query.orderBy("created_at", shape.newestFirst ? "desc" : "asc");
}

const keyOf = (shape: { byEmail: boolean; newestFirst: boolean }) => `${shape.byEmail}:${shape.newestFirst}`;

describe("compiledByShape", () => {
  it("gives each call the SQL Kysely would compile, with that call's values", () => {
    const query = compiledByShape(build, keyOf);
    const cases: [{ byEmail: boolean; newestFirst: boolean }, Params][] = [
      [{ byEmail: false, newestFirst: true }, { userId: "u1", email: undefined, limit: 21 }],
      [{ byEmail: true, newestFirst: true }, { userId: "u2", email: "A@x.test", limit: 5 }],
      [{ byEmail: false, newestFirst: true }, { userId: "u3", email: undefined, limit: 101 }],
      [{ byEmail: true, newestFirst: false }, { userId: "u4", email: "b@x.test", limit: 2 }],
    ];
    for (const [shape, params] of cases) {
      const direct = build(shape, boundValues(params)).compile();
      const bound = query(shape, params);
      expect(bound.sql).toBe(direct.sql);
      expect(bound.parameters).toEqual(direct.parameters);
    }
  });

  it("builds each shape once, and never hands one call's values to another", () => {
    let builds = 0;
    const query = compiledByShape((shape: { byEmail: boolean; newestFirst: boolean }, p: Placeholders<Params>) => {
      builds++;
      return build(shape, p);
    }, keyOf);
    const shape = { byEmail: true, newestFirst: false };
    const first = query(shape, { userId: "u1", email: "one@x.test", limit: 3 });
    const second = query(shape, { userId: "u2", email: "two@x.test", limit: 4 });
    query({ byEmail: false, newestFirst: false }, { userId: "u3", email: undefined, limit: 5 });
    expect(builds).toBe(2);
    expect(first.parameters).toEqual(["u1", "one@x.test", "dev", 3]);
    expect(second.parameters).toEqual(["u2", "two@x.test", "dev", 4]);
    expect(second.sql).toBe(first.sql);
  });

  it("binds values Kysely would bind itself (plain values in the builder give the same SQL and parameters)", () => {
    const query = compiledByShape(build, keyOf);
    const plain = db
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "=", "u9")
      .limit(7)
      .where(sql<boolean>`lower(email) = lower(${"C@x.test"})`)
      .where("provider", "=", "dev")
      .orderBy("created_at", "asc")
      .compile();
    const bound = query({ byEmail: true, newestFirst: false }, { userId: "u9", email: "C@x.test", limit: 7 });
    expect(bound.sql).toBe(plain.sql);
    expect(bound.parameters).toEqual(plain.parameters);
  });

  it("makes a build that branches on a bound value a type error (checked by `pnpm typecheck`)", () => {
    const query = compiledByShape((_shape: Record<string, never>, p: Placeholders<Params>) => {
      // @ts-expect-error comparing a placeholder with a value: no call's value exists while the shape is built
      const many = p.limit > 10;
      // @ts-expect-error the same for equality
      const mine = p.email === "me@x.test";
      // @ts-expect-error reading the value
      const length: number = p.email.length;
      expect([many, mine, length]).toEqual([false, false, undefined]);
      return db.selectFrom("users").select("id").where("id", "=", p.userId).limit(p.limit);
    }, () => "only");
    expect(query({}, { userId: "u1", email: undefined, limit: 2 }).parameters).toEqual(["u1", 2]);
  });
});

describe("saved.list's compiled shapes", () => {
  const userId = "6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d";
  const id = "00000000-0000-4000-8000-000000000001";
  const createdAt = new Date("2030-01-01T00:00:00.123Z");

  it("send, for every shape, the statement and values Kysely builds for that call", () => {
    const compiled = savedListStatement(db);
    const rebuilt = savedListStatementRebuilt(db);
    const queries: SavedListQuery[] = [];
    for (const sort of ["newest", "oldest", "title"] as const) {
      for (const q of [undefined, "tomato -onion"]) {
        for (const tag of [undefined, "quick"]) {
          const after: SavedKeyset[] = [
            sort === "title" ? { sort, title: "Pad Thai", id } : { sort, createdAt, id },
            // A cursor of another sort starts over: no keyset clause.
            sort === "title" ? { sort: "newest", createdAt, id } : { sort: "title", title: "Soup", id },
          ];
          for (const a of [undefined, ...after]) queries.push({ userId, sort, limit: 21, q, tag, after: a });
        }
      }
    }
    // Twice over, so the second pass reuses each shape compiled in the first.
    for (const query of [...queries, ...queries.map((q) => ({ ...q, limit: 7, userId: id }))]) {
      const fast = compiled(query);
      const reference = rebuilt(query);
      expect(fast.sql).toBe(reference.sql);
      expect(fast.parameters).toEqual(reference.parameters);
    }
    expect(compiled(queries[0]!).sql).not.toMatch(/\brecipe\b/);
  });
});
