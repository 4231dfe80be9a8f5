// Lint rules that keep the package graph one-way (see ARCHITECTURE.md), keep tRPC's internals out, and catch
// promises nobody awaits; on top of typescript-eslint's defaults. test/lint/ proves each graph rule fires.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

const jsFiles = ["**/*.{js,mjs,cjs,jsx}"];
// Code that runs only under test or as a tool: it may use devDependencies, the environment and tRPC's insides.
const testFiles = ["**/test/**", "**/bench/**", "**/*.config.*"];

// --- The graph: what each package's own code may never import, whatever its package.json says. ---
const ban = (group, message, extra = {}) => ({ group, message, ...extra });
const express = ban(["express", "express/*"], "Only apps/server may use express.");
const trpc = ban(["@trpc/*"], "Only api, server, web and client know tRPC.");
// Leading slashes anchor the bare module names, so a library subpath such as @trpc/server/http is not caught.
const http = ban(["node:http", "/http", "node:https", "/https", "node:http2", "/http2"], "Only apps/server speaks HTTP.");
const db = ban(["@sous/db", "@sous/db/*"], "Only core and the server touch @sous/db.");
const ai = ban(["@sous/ai", "@sous/ai/*"], "The server wires an LLM provider in; nothing else imports @sous/ai.");
const testkit = ban(["@sous/testkit", "@sous/testkit/*"], "@sous/testkit is for tests only.");
const core = ban(["@sous/core", "@sous/core/*"], "Only api, ai (types) and the server know @sous/core.");
const api = ban(["@sous/api", "@sous/api/*"], "Only the server imports @sous/api's values.");
const zod = ban(["zod", "zod/*"], "@sous/db knows no zod: validation lives in schemas and core.");
const typesOnly = (rule, message) => ({ ...rule, allowTypeImports: true, message });
const apiTypes = typesOnly(api, "Consumers import only types from @sous/api.");
const coreTypes = typesOnly(core, "@sous/ai implements core's LLM port: it imports only types from @sous/core.");

const never = {
  "packages/schemas": [express, trpc, http, db, ai, testkit, core, api],
  "packages/db": [express, trpc, http, ai, testkit, core, api, zod],
  "packages/core": [express, trpc, http, ai, testkit, api],
  "packages/ai": [express, trpc, http, db, testkit, coreTypes, api],
  "packages/api": [express, http, db, ai, testkit],
  "packages/client": [express, http, db, ai, testkit, core, apiTypes],
  "apps/web": [express, http, db, ai, testkit, core, apiTypes],
};
// Type-only edges of the graph: listed as devDependencies, imported as types only (enforced just above).
const typeEdges = { "packages/ai": ["@sous/core"], "packages/client": ["@sous/api"], "apps/web": ["@sous/api"] };

const extraneous = (options = {}) => [
  "error",
  // Each file answers to its nearest package.json: nothing through the root's devDependencies, no other
  // package's dependencies. Workspace packages count too (includeInternal), and type imports (includeTypes).
  { devDependencies: testFiles, includeInternal: true, includeTypes: true, ...options },
];

// --- tRPC's internals: only its public, documented API (ARCHITECTURE.md). ---
const trpcInternals = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["@trpc/*/unstable-core-do-not-import", "@trpc/*/unstable-core-do-not-import/*"],
          message: "tRPC's internals change without notice: use its public API.",
        },
      ],
    },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: "Identifier[name='callTRPCProcedure']",
      message: "callTRPCProcedure is @internal to tRPC: go through an adapter or createCaller.",
    },
    {
      selector: ":matches(MemberExpression > Identifier.property, TSQualifiedName > Identifier.right)[name='_def']",
      message: "`_def` is a library's internal definition: use its public API.",
    },
    {
      selector: "Property > Identifier.key[name='_def']",
      message: "`_def` is a library's internal definition: use its public API.",
    },
    {
      selector: "TSIndexedAccessType > TSLiteralType > Literal.literal[value='_def']",
      message: "`_def` is a library's internal definition: use its public API.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/.data/**", ".work/**", "test-results/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    languageOptions: {
      globals: { ...globals.node },
      // One TypeScript service for the whole run; each file is checked in its package's tsconfig.json.
      parserOptions: {
        projectService: {
          // Files no tsconfig.json includes: the root vitest config, the web app's Node-side files (tsconfig.node.json).
          allowDefaultProject: ["vitest.config.ts", "test/lint/*.ts", "apps/web/vite.config.ts", "apps/web/test/*.ts"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      "import-x/resolver-next": [
        createTypeScriptImportResolver({
          project: ["packages/*/tsconfig.json", "apps/*/tsconfig.json"],
          noWarnOnMultipleProjects: true,
          // Workspace packages resolve to their source, as TypeScript and vitest see them.
          conditionNames: ["@sous/source", "types", "import", "node", "default"],
        }),
      ],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "import-x/no-extraneous-dependencies": extraneous(),
      "import-x/no-relative-packages": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration only in apps/*/src/env.ts." },
      ],
      ...trpcInternals,
    },
  },
  // Plain JavaScript (bench, configs) is in no tsconfig: no type-aware rules there.
  { files: jsFiles, ...tseslint.configs.disableTypeChecked },
  {
    // Config readers, tests, benchmarks and tool configs may read the environment.
    // packages/client/src/cli/env.ts: the `sous` CLI is an app entry point that happens to ship in a package.
    files: ["apps/*/src/env.ts", "packages/client/src/cli/env.ts", ...testFiles, "packages/testkit/**"],
    rules: { "no-restricted-properties": "off" },
  },
  // Tests may reach into a library to check a stand-in against it.
  { files: testFiles, rules: { "no-restricted-imports": "off", "no-restricted-syntax": "off" } },
  ...Object.entries(never).map(([dir, patterns]) => ({
    files: [`${dir}/src/**`],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
  })),
  ...Object.entries(typeEdges).map(([dir, whitelist]) => ({
    files: [`${dir}/src/**`],
    rules: { "import-x/no-extraneous-dependencies": extraneous({ whitelist }) },
  })),
  { files: ["apps/web/src/**"], languageOptions: { globals: { ...globals.browser } } },
);
