import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Recipe pages written for the import tests, modelled on real sites' markup: a WordPress recipe plugin's
 * Yoast @graph, a news site's JSON-LD array with HowToSections, a microdata page, a page with the recipe only
 * in its text, and a page with no recipe.
 */
export type RecipePageName = "wordpress-graph" | "news-site-sections" | "microdata" | "plain-text-recipe" | "no-recipe";

// fixtures/ sits beside src/ and dist/, so this resolves from either.
const FIXTURES = new URL("../fixtures/recipe-pages/", import.meta.url);

export function recipePage(name: RecipePageName): string {
  return readFileSync(new URL(`${name}.html`, FIXTURES), "utf8");
}

export type PageRoute = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A loopback web server for import tests. `routes` maps a path to a handler; every request's headers are
 * kept in `requests` so tests can check what the fetcher sent (no cookies, no credentials).
 */
export async function startPageServer(routes: Record<string, PageRoute>) {
  const requests: { path: string; headers: IncomingMessage["headers"] }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push({ path, headers: req.headers });
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    /** Base URL by the host name "localhost" (what tests put in the allow list). */
    url: `http://localhost:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering HTML. */
export const html =
  (body: string, headers: Record<string, string> = {}): PageRoute =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers }).end(body);
  };

/** A route redirecting to `location`. */
export const redirect =
  (location: string, status = 302): PageRoute =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };

/** A page of `bytes` bytes sent in chunks without a Content-Length (so only counting can stop it). */
export const hugePage =
  (bytes: number): PageRoute =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", write);
          return;
        }
      }
      res.end();
    };
    res.on("error", () => {});
    write();
  };
