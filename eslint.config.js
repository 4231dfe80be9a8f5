// Lint rules that keep the package graph one-way (see ARCHITECTURE.md) plus typescript-eslint's defaults.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const restrict = (patterns) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns }],
});
const express = { group: ["express", "express/*"], message: "Only apps/server may use express." };
const trpc = { group: ["@trpc/*"], message: "core knows no tRPC." };
const db = { group: ["@sous/db", "@sous/db/*"], message: "Routers go through core; api never touches @sous/db." };
const apiValue = {
  group: ["@sous/api"],
  allowTypeImports: true,
  message: "Consumers import only types from @sous/api.",
};

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/.data/**", ".work/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration only in apps/*/src/env.ts." },
      ],
    },
  },
  {
    // Config readers, tests, benchmarks and tool configs may read the environment.
    // packages/client/src/cli/env.ts: the `sous` CLI is an app entry point that happens to ship in a package.
    files: ["apps/*/src/env.ts", "packages/client/src/cli/env.ts", "**/test/**", "bench/**", "*.config.*", "**/*.config.*", "packages/testkit/**"],
    rules: { "no-restricted-properties": "off" },
  },
  { files: ["packages/api/src/**"], rules: restrict([express, db]) },
  { files: ["packages/core/src/**"], rules: restrict([express, trpc]) },
  { files: ["packages/{ai,db,schemas}/src/**"], rules: restrict([express, trpc]) },
  { files: ["apps/web/src/**", "packages/client/src/**"], rules: restrict([apiValue, express, db]) },
  { files: ["apps/web/src/**"], languageOptions: { globals: { ...globals.browser } } },
);
