import { defineConfig } from "vitest/config";

// One run for the whole workspace. Packages resolve each other's TypeScript source through the
// "@sous/source" export condition, so tests never depend on a stale dist/.
export default defineConfig({
  resolve: { conditions: ["@sous/source"] },
  ssr: { resolve: { conditions: ["@sous/source"], externalConditions: ["@sous/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
