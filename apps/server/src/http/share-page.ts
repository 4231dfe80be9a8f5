/**
 * GET /s/:token — a shared recipe as a read-only HTML page, for whoever holds the link (no sign-in, no
 * script). Every value is HTML-escaped; the only style is one constant block allowed by its hash in this
 * page's own Content-Security-Policy, which replaces the app-wide one (no script, no frames, no forms).
 * A revoked, unknown or malformed token answers the same 404 page.
 */
import { createHash } from "node:crypto";
import type { Services } from "@sous/core";
import { ShareToken, type Recipe } from "@sous/schemas";
import escapeHtml from "escape-html";
import { Router, type Response } from "express";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{line-height:1.2}.meta{color:#555}li{margin:.25rem 0}footer{margin-top:3rem;color:#777;font-size:.875rem}`;
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function sharePage(services: Services): Router {
  const router = Router();
  router.get("/s/:token", async (req, res, next) => {
    const token = ShareToken.safeParse(req.params.token);
    try {
      const shared = token.success ? await services.share.byToken(token.data) : undefined;
      if (!shared) return send(res, 404, page("Not found", "<h1>This recipe is no longer shared</h1>"));
      send(res, 200, page(shared.title, recipeHtml(shared.recipe, shared.sharedAt)));
    } catch (error) {
      if ((error as { code?: unknown }).code === "NOT_FOUND") {
        return send(res, 404, page("Not found", "<h1>This recipe is no longer shared</h1>"));
      }
      next(error);
    }
  });
  return router;
}

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": CSP,
      // The token is in the URL: never leak it to another site, never keep a copy after it is revoked.
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    })
    .send(html);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Sous</title><style>${STYLE}</style></head>
<body><main>${body}</main><footer>Shared with Sous</footer></body></html>`;
}

function recipeHtml(recipe: Recipe, sharedAt: Date): string {
  const e = escapeHtml;
  const amount = (i: Recipe["ingredients"][number]) =>
    [i.quantity === undefined ? "" : String(i.quantity), i.unit ?? ""].filter(Boolean).join(" ");
  const ingredients = recipe.ingredients
    .map((i) => `<li>${e([amount(i), i.name].filter(Boolean).join(" "))}${i.note ? ` <span class="meta">(${e(i.note)})</span>` : ""}</li>`)
    .join("");
  const steps = recipe.steps.map((s) => `<li>${e(s)}</li>`).join("");
  const tips = recipe.tips?.length ? `<h2>Tips</h2><ul>${recipe.tips.map((t) => `<li>${e(t)}</li>`).join("")}</ul>` : "";
  const facts = [
    `Serves ${recipe.servings}`,
    `${recipe.prepMinutes + recipe.cookMinutes} min`,
    recipe.difficulty,
    recipe.cuisine,
    ...recipe.diets,
  ].filter(Boolean);
  const allergens = recipe.allergens.length ? `<p class="meta">Allergens: ${e(recipe.allergens.join(", "))}</p>` : "";
  return `<article><h1>${e(recipe.title)}</h1><p>${e(recipe.summary)}</p>
<p class="meta">${e(facts.join(" · "))}</p>${allergens}
<h2>Ingredients</h2><ul>${ingredients}</ul><h2>Steps</h2><ol>${steps}</ol>${tips}
<p class="meta">Shared on <time datetime="${e(sharedAt.toISOString())}">${e(sharedAt.toISOString().slice(0, 10))}</time></p></article>`;
}
