// The speed that rides a public hook, each against the library it stands in for, in this process (on the
// load generator's cores, after the HTTP rounds): the same work done both ways, alternating, the median
// over rounds. What each saves per saved.list call is the difference of the two µs figures.
import { transformer } from "@sous/api";
import { createAccessTokens } from "@sous/core";
import { pgTypeParsers, savedListStatement, savedListStatementRebuilt } from "@sous/db";
import { jwtVerify } from "jose";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import pg from "pg";
import superjson from "superjson";
import { median } from "./load.mjs";

const PAGE = 20;
const userId = "6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d";

// A saved.list page as the service returns it.
const page = {
  items: Array.from({ length: PAGE }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    title: `Pad thai no. ${i + 1}`,
    tags: ["bench", i % 2 ? "odd" : "even"],
    rating: i % 3 ? null : 4,
    summary: "Rice noodles stir-fried with tamarind, fish sauce and peanuts.",
    cuisine: "thai",
    totalMinutes: 35,
    servings: 2,
    createdAt: new Date(Date.UTC(2030, 0, 1, 12, 0, i)),
    updatedAt: new Date(Date.UTC(2030, 0, 2, 12, 0, i)),
  })),
  nextCursor: "WyJuZXdlc3QiLCIyMDMwLTAxLTAxVDEyOjAwOjE5LjAwMFoiLCIwMDAwIl0",
};

// The text Postgres sends for those rows' timestamptz and text[] columns.
const rowsText = page.items.map((item) => [
  `${item.createdAt.toISOString().replace("T", " ").replace("Z", "")}+00`,
  `${item.updatedAt.toISOString().replace("T", " ").replace("Z", "")}+00`,
  `{${item.tags.join(",")}}`,
]);
const parsersOf = (types) => [1184, 1184, 1009].map((oid) => types.getTypeParser(oid, "text"));
const [pgParsers, ourParsers] = [parsersOf(pg.types), parsersOf(pgTypeParsers)];
const parseRows = (parsers) => {
  let n = 0;
  for (const row of rowsText) for (let c = 0; c < row.length; c++) n += parsers[c](row[c]) ? 1 : 0;
  return n;
};

const compileOnly = new Kysely({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const [shapes, rebuilt] = [savedListStatement(compileOnly), savedListStatementRebuilt(compileOnly)];
const listQuery = { userId, sort: "newest", limit: PAGE + 1 };

const secret = "bench-secret-bench-secret-bench-secret!";
const accessTokens = createAccessTokens({ secret, issuer: "sous", audience: "sous-api", ttlSeconds: 900, clock: () => new Date() });
const { token } = await accessTokens.issue({ id: userId, role: "user" });
// jose with the key imported once, as Sous does: what is left to save is the check itself.
const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
const joseVerify = () =>
  jwtVerify(token, key, { algorithms: ["HS256"], typ: "at+jwt", issuer: "sous", audience: "sous-api", requiredClaims: ["sub", "exp", "iat", "jti"] });

export const microBenchmarks = [
  {
    label: "superjson output writer, a saved.list page (api/transformer.ts vs superjson.serialize)",
    library: () => superjson.serialize(page),
    ours: () => transformer.output.serialize(page),
  },
  {
    label: "pg type parsers, a page's timestamptz + text[] (db/pg-parsers.ts vs pg's)",
    library: () => parseRows(pgParsers),
    ours: () => parseRows(ourParsers),
  },
  {
    label: "saved.list statement (db/query-shapes.ts vs Kysely build + compile)",
    library: () => rebuilt(listQuery),
    ours: () => shapes(listQuery),
  },
  {
    label: "access token check (core verified-token cache vs jose jwtVerify)",
    library: joseVerify,
    ours: () => accessTokens.verify(token),
  },
];

/** µs per operation of `fn`, over `ms` milliseconds. */
async function timePerOp(fn, ms) {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    // Awaited only when asynchronous, so a synchronous path is not charged a microtask per call.
    for (let i = 0; i < 50; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    ops += 50;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1000) / ops;
}

export async function runMicro({ rounds, ms }) {
  const results = [];
  for (const bench of microBenchmarks) {
    await timePerOp(bench.library, ms / 2); // warm-up, both ways
    await timePerOp(bench.ours, ms / 2);
    const library = [];
    const ours = [];
    for (let r = 0; r < rounds; r++) {
      library.push(await timePerOp(bench.library, ms));
      ours.push(await timePerOp(bench.ours, ms));
    }
    results.push({ label: bench.label, libraryUs: median(library), oursUs: median(ours) });
  }
  return results;
}
