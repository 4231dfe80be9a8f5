import { createRequire } from "node:module";
import { load, type CheerioAPI } from "cheerio";

/** microdata-node ships JavaScript only (CommonJS); the one call Sous makes, typed from its README. */
interface MicrodataItem {
  type?: string[];
  id?: string;
  properties: Record<string, (string | MicrodataItem)[]>;
}
const { toJson } = createRequire(import.meta.url)("microdata-node") as {
  toJson(html: string, config?: { base?: string }): { items: MicrodataItem[] };
};

/** A schema.org node as plain JSON: property names without a vocabulary prefix, "@type" kept. */
export type SchemaNode = Record<string, unknown>;

const MAX_DEPTH = 8;

/** Whether a node's @type names Recipe, however it is written ("Recipe", ["Recipe", "NewsArticle"], "schema:Recipe"). */
export function hasType(node: unknown, type: string): boolean {
  if (!node || typeof node !== "object") return false;
  const raw = (node as SchemaNode)["@type"] ?? (node as SchemaNode).type;
  const types = Array.isArray(raw) ? raw : [raw];
  return types.some((t) => typeof t === "string" && t.replace(/^.*[/:#]/, "") === type);
}

/**
 * The first schema.org Recipe in the page's JSON-LD blocks: top-level objects, arrays, `@graph`, and nodes
 * nested in others (a WebPage's mainEntity). A block that is not valid JSON is skipped, not fatal.
 */
export function findJsonLdRecipe($: CheerioAPI): SchemaNode | undefined {
  for (const element of $('script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse($(element).text().trim());
    } catch {
      continue;
    }
    const found = findNode(data, "Recipe", 0);
    if (found) return found;
  }
  return undefined;
}

function findNode(value: unknown, type: string, depth: number): SchemaNode | undefined {
  if (depth > MAX_DEPTH || !value || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findNode(item, type, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (hasType(value, type)) return value as SchemaNode;
  for (const child of Object.values(value as SchemaNode)) {
    const found = findNode(child, type, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first schema.org Recipe in the page's microdata (itemscope/itemprop), shaped like its JSON-LD form. */
export function findMicrodataRecipe(html: string, baseUrl: string | undefined): SchemaNode | undefined {
  const { items } = toJson(html, { base: baseUrl ?? "" });
  const recipe = findItem(items, 0);
  return recipe && toNode(recipe, 0);
}

function findItem(items: (string | MicrodataItem)[], depth: number): MicrodataItem | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const item of items) {
    if (typeof item === "string") continue;
    if ((item.type ?? []).some((t) => t.replace(/^.*[/:#]/, "") === "Recipe")) return item;
    const nested = findItem(Object.values(item.properties).flat(), depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function toNode(item: MicrodataItem, depth: number): SchemaNode {
  const node: SchemaNode = { "@type": (item.type ?? []).map((t) => t.replace(/^.*[/:#]/, "")) };
  for (const [name, values] of Object.entries(item.properties)) {
    const converted = values.map((v) => (typeof v === "string" || depth >= MAX_DEPTH ? v : toNode(v, depth + 1)));
    node[name] = converted.length === 1 ? converted[0] : converted;
  }
  return node;
}

/** The text a reader sees: no scripts, styles or navigation; blocks on their own lines. */
export function visibleText($: CheerioAPI, maxChars: number): string {
  $("script, style, noscript, template, svg, iframe, nav, header, footer, form, button").remove();
  $("br").replaceWith("\n");
  $("p, div, li, h1, h2, h3, h4, h5, h6, tr, section, article, ul, ol, dd, dt").each((_, el) => {
    $(el).append("\n");
  });
  const text = $("body").text() || $.root().text();
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n")
    .slice(0, maxChars);
}

export { load };
