import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Recipe } from "@sous/schemas";
import { z } from "zod";

/**
 * Loads the shipped recipe data: every *.json file of the data folder, each an array of objects holding the
 * Recipe fields plus `id` (a kebab-case slug, unique across files) and `aliases` (up to 8 other names people
 * search for). Loading fails loudly, listing every bad entry: a broken catalogue must stop the server, not
 * answer with half its recipes.
 */

/** The shipped data folder. Resolves from src/catalogue/ and from dist/catalogue/ alike (both two deep). */
export const DEFAULT_DATA_DIR = new URL("../../data/catalogue/", import.meta.url);

export interface CatalogueEntry {
  id: string;
  aliases: string[];
  recipe: Recipe;
}

const EntryMeta = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case slug").max(80),
  aliases: z.array(z.string().trim().min(1).max(120)).max(8).default([]),
});

const MAX_REPORTED = 25;

export async function loadCatalogue(dataDir: URL | string = DEFAULT_DATA_DIR): Promise<CatalogueEntry[]> {
  const dir = typeof dataDir === "string" ? dataDir : fileURLToPath(dataDir);
  const files = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`Recipe catalogue: no *.json files in ${dir}`);

  const entries: CatalogueEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(join(dir, file), "utf8"));
    } catch (error) {
      problems.push(`${file}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (!Array.isArray(data)) {
      problems.push(`${file}: expected a JSON array of recipes`);
      continue;
    }
    data.forEach((raw: unknown, index) => {
      const where = `${file}[${index}]`;
      const { id, aliases, ...fields } = (typeof raw === "object" && raw !== null ? raw : {}) as Record<
        string,
        unknown
      >;
      const meta = EntryMeta.safeParse({ id, aliases });
      const recipe = Recipe.safeParse(fields);
      const label = typeof id === "string" ? `${where} (${id})` : where;
      if (!meta.success) problems.push(`${label}: ${describe(meta.error)}`);
      if (!recipe.success) problems.push(`${label}: ${describe(recipe.error)}`);
      if (!meta.success || !recipe.success) return;
      const earlier = seen.get(meta.data.id);
      if (earlier) problems.push(`${label}: id "${meta.data.id}" already used by ${earlier}`);
      seen.set(meta.data.id, where);
      entries.push({ id: meta.data.id, aliases: meta.data.aliases, recipe: recipe.data });
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED).join("\n  ");
    const more = problems.length > MAX_REPORTED ? `\n  … and ${problems.length - MAX_REPORTED} more` : "";
    throw new Error(`Recipe catalogue in ${dir} is invalid:\n  ${shown}${more}`);
  }
  return entries;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(entry)"}: ${issue.message}`).join("; ");
}
