/**
 * The lint rules that keep the package graph one-way and tRPC's internals out (eslint.config.js), run through
 * ESLint's Node API on one small source text per forbidden import, linted as if it lived at the given path:
 * each must fail with the rule that forbids it, and the allowed imports must pass clean.
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// The texts are not files on disk, so no TypeScript program includes them: the type-aware rules (which these
// cases do not exercise) are switched off; every rule under test reads only the text, the path and package.json.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function lint(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  const messages = result!.messages;
  // A parse error or a crashed rule would hide everything else.
  expect(messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return messages.map((m) => ({ rule: m.ruleId, line: m.line, severity: m.severity, message: m.message }));
}

const extraneous = "import-x/no-extraneous-dependencies";
const graph = "@typescript-eslint/no-restricted-imports";
const relative = "import-x/no-relative-packages";
const internalsImport = "no-restricted-imports";
const internalsSyntax = "no-restricted-syntax";

interface Forbidden {
  name: string;
  path: string;
  code: string;
  /** Every one of these rules must report line 1. */
  rules: string[];
  message?: RegExp;
}

const forbidden: Forbidden[] = [
  // Test-only and wiring packages from the layers below the server.
  { name: "@sous/ai from api src", path: "packages/api/src/fixture.ts", code: `import { createCatalogueProvider } from "@sous/ai";\nexport const p = createCatalogueProvider;\n`, rules: [extraneous, graph], message: /devDependencies|nothing else imports @sous\/ai/ },
  { name: "@sous/ai from core src", path: "packages/core/src/fixture.ts", code: `import { createCatalogueProvider } from "@sous/ai";\nexport const p = createCatalogueProvider;\n`, rules: [graph] },
  { name: "@sous/testkit from api src", path: "packages/api/src/fixture.ts", code: `import { databaseTargets } from "@sous/testkit";\nexport const t = databaseTargets;\n`, rules: [extraneous, graph] },
  { name: "@sous/testkit from core src", path: "packages/core/src/fixture.ts", code: `import { databaseTargets } from "@sous/testkit";\nexport const t = databaseTargets;\n`, rules: [extraneous, graph] },
  { name: "@sous/db from api src", path: "packages/api/src/fixture.ts", code: `import { createDb } from "@sous/db";\nexport const c = createDb;\n`, rules: [extraneous, graph] },
  // Packages only the root's devDependencies (the benchmark's) provide.
  { name: "pg from core src", path: "packages/core/src/fixture.ts", code: `import pg from "pg";\nexport const p = pg;\n`, rules: [extraneous], message: /'pg' should be listed/ },
  { name: "superjson from core src", path: "packages/core/src/fixture.ts", code: `import superjson from "superjson";\nexport const s = superjson;\n`, rules: [extraneous], message: /'superjson' should be listed/ },
  { name: "express from api src", path: "packages/api/src/fixture.ts", code: `import express from "express";\nexport const e = express;\n`, rules: [extraneous, graph] },
  { name: "express from core src", path: "packages/core/src/fixture.ts", code: `import express from "express";\nexport const e = express;\n`, rules: [extraneous, graph] },
  { name: "@trpc/server from core src", path: "packages/core/src/fixture.ts", code: `import { initTRPC } from "@trpc/server";\nexport const t = initTRPC;\n`, rules: [extraneous, graph] },
  { name: "zod from db src", path: "packages/db/src/fixture.ts", code: `import { z } from "zod";\nexport const s = z;\n`, rules: [extraneous, graph] },
  // HTTP belongs to apps/server.
  ...["core", "db", "schemas", "api"].map((pkg) => ({
    name: `node:http in ${pkg}`,
    path: `packages/${pkg}/src/fixture.ts`,
    code: `import { createServer } from "node:http";\nexport const s = createServer;\n`,
    rules: [graph],
    message: /Only apps\/server speaks HTTP/,
  })),
  { name: "bare http in core", path: "packages/core/src/fixture.ts", code: `import http from "http";\nexport const h = http;\n`, rules: [graph], message: /Only apps\/server speaks HTTP/ },
  // A relative path into another package's files.
  { name: "relative import from api into core", path: "packages/api/src/fixture.ts", code: `import { NotFoundError } from "../../core/src/index.js";\nexport const e = NotFoundError;\n`, rules: [relative] },
  { name: "relative import from web into schemas", path: "apps/web/src/fixture.ts", code: `import { LIMITS } from "../../../packages/schemas/src/index.js";\nexport const l = LIMITS;\n`, rules: [relative] },
  // Type-only edges stay type-only.
  { name: "a value from @sous/api in web", path: "apps/web/src/fixture.ts", code: `import { appRouter } from "@sous/api";\nexport const r = appRouter;\n`, rules: [graph], message: /only types from @sous\/api/ },
  { name: "a value from @sous/api in client", path: "packages/client/src/fixture.ts", code: `import { appRouter } from "@sous/api";\nexport const r = appRouter;\n`, rules: [graph] },
  { name: "a value from @sous/core in ai", path: "packages/ai/src/fixture.ts", code: `import { isLlmFailure } from "@sous/core";\nexport const f = isLlmFailure;\n`, rules: [graph], message: /only types from @sous\/core/ },
  // tRPC's internals, anywhere outside tests.
  { name: "unstable-core-do-not-import", path: "apps/server/src/fixture.ts", code: `import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";\nexport const g = getErrorShape;\n`, rules: [internalsImport] },
  { name: "callTRPCProcedure", path: "packages/api/src/fixture.ts", code: `declare const callTRPCProcedure: () => void;\ncallTRPCProcedure();\n`, rules: [internalsSyntax], message: /@internal/ },
  { name: "a router's _def", path: "packages/api/src/fixture.ts", code: `declare const appRouter: { _def: unknown };\nexport const d = appRouter._def;\n`, rules: [internalsSyntax], message: /_def/ },
  { name: "_def in a type", path: "packages/api/src/fixture.ts", code: `declare const appRouter: { _def: { procedures: object } };\nexport type P = typeof appRouter._def.procedures;\n`, rules: [internalsSyntax] },
  { name: "_def destructured", path: "apps/server/src/fixture.ts", code: `declare const appRouter: { _def: unknown };\nexport const { _def } = appRouter;\n`, rules: [internalsSyntax] },
];

describe("the lint rules forbid", () => {
  it.each(forbidden)("$name", async ({ path, code, rules, message }) => {
    const found = await lint(path, code);
    const errors = found.filter((m) => m.severity === 2);
    const lastLine = code.trimEnd().split("\n").length;
    for (const rule of rules) {
      expect(errors.filter((m) => m.rule === rule && m.line <= lastLine), `${rule} in ${JSON.stringify(found)}`).not.toEqual([]);
    }
    if (message) expect(errors.some((m) => message.test(m.message)), JSON.stringify(found)).toBe(true);
  });
});

describe("the lint rules allow", () => {
  const allowed = [
    { name: "core's own dependencies and @sous/schemas", path: "packages/core/src/fixture.ts", code: `import { sql } from "kysely";\nimport { z } from "zod";\nimport type { Recipe } from "@sous/schemas";\nimport { LIMITS } from "@sous/schemas";\nexport const used = [sql, z, LIMITS];\nexport type R = Recipe;\n` },
    { name: "express, tRPC and every layer in apps/server", path: "apps/server/src/fixture.ts", code: `import express from "express";\nimport { initTRPC } from "@trpc/server";\nimport { createDb } from "@sous/db";\nimport { createCatalogueProvider } from "@sous/ai";\nimport { appRouter } from "@sous/api";\nexport const used = [express, initTRPC, createDb, createCatalogueProvider, appRouter];\n` },
    { name: "types from @sous/api in web, and @sous/client's refresh link", path: "apps/web/src/fixture.ts", code: `import type { AppRouter } from "@sous/api";\nimport { refreshLink } from "@sous/client";\nexport type R = AppRouter;\nexport const l = refreshLink;\n` },
    { name: "types from @sous/core in ai", path: "packages/ai/src/fixture.ts", code: `import type { LlmProvider } from "@sous/core";\nexport type P = LlmProvider;\n` },
    { name: "node:http in apps/server", path: "apps/server/src/fixture.ts", code: `import { createServer } from "node:http";\nexport const s = createServer;\n` },
    { name: "devDependencies and tRPC's insides in tests", path: "packages/api/test/fixture.test.ts", code: `import { databaseTargets } from "@sous/testkit";\nimport { createCatalogueProvider } from "@sous/ai";\ndeclare const appRouter: { _def: unknown };\nexport const used = [databaseTargets, createCatalogueProvider, appRouter._def];\n` },
    { name: "tRPC's public http helpers in api (not node's http)", path: "packages/api/src/fixture.ts", code: `import { getHTTPStatusCodeFromError } from "@trpc/server/http";\nexport const g = getHTTPStatusCodeFromError;\n` },
    { name: "relative imports inside a package", path: "packages/api/src/fixture.ts", code: `import { appRouter } from "./root.js";\nexport const r = appRouter;\n` },
  ];
  it.each(allowed)("$name", async ({ path, code }) => {
    expect(await lint(path, code)).toEqual([]);
  });
});
