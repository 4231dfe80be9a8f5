import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// "@sous/source" makes workspace packages (@sous/schemas) resolve to their TypeScript source, as in tests.
// In development Vite serves the page and proxies /trpc to the Sous server, so the browser sees one origin
// and the refresh cookie (path /trpc, SameSite=Strict) behaves exactly as in production.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@sous/source", ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: { "/trpc": { target: "http://127.0.0.1:3000" } },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
