import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type RequestHandler } from "express";

/** API prefixes: an unknown path under them is a JSON 404 for every client, browsers included. */
const API_PATH = /^\/(trpc|api|metrics)(\/|$)/;

/**
 * Serves the built web app (apps/web/dist) at `/` when it exists — to any client, `curl` with its
 * `Accept: *\/*` too — with the SPA fallback: any other GET that asks for HTML (a browser navigating) gets
 * index.html, so client-side routes survive a reload; a missing script or image, or an unknown API path,
 * still gets a 404 rather than a page. Vite's hashed assets are immutable; index.html is revalidated so a
 * deploy shows up at once.
 */
export function webApp(dir: string): RequestHandler | undefined {
  if (!existsSync(join(dir, "index.html"))) return undefined;
  const router = express.Router();
  router.use(
    express.static(dir, {
      index: false,
      setHeaders(res, path) {
        if (path.includes(`${join(dir, "assets")}`)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      },
    }),
  );
  router.get("/{*path}", (req, res, next) => {
    if (API_PATH.test(req.path)) return next();
    if (req.path !== "/" && !req.headers.accept?.includes("text/html")) return next();
    res.sendFile("index.html", { root: dir, headers: { "Cache-Control": "no-cache" } });
  });
  return router;
}
