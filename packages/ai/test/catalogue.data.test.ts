import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Recipe } from "@sous/schemas";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR, loadCatalogue } from "../src/catalogue/catalogue.js";
import { dietProblems, missingAllergens } from "./catalogue-rules.js";

// The shipped data itself: read straight from disk here, so a loader bug cannot hide a data bug.
const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), "../data/catalogue");
const files = (await readdir(dataDir)).filter((name) => name.endsWith(".json")).sort();
const raw = (
  await Promise.all(
    files.map(async (file) =>
      (JSON.parse(await readFile(join(dataDir, file), "utf8")) as Array<Record<string, unknown>>).map((entry) => ({
        file,
        entry,
      })),
    ),
  )
).flat();

describe("the shipped catalogue", () => {
  it("lives where the provider looks by default (src/ and dist/ are both two folders below the package)", () => {
    expect(fileURLToPath(DEFAULT_DATA_DIR).replace(/\/$/, "")).toBe(dataDir);
  });

  it("has at least 150 recipes with unique kebab-case ids", () => {
    expect(raw.length).toBeGreaterThanOrEqual(150);
    const ids = raw.map(({ entry }) => entry.id);
    expect(ids.every((id) => typeof id === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("validates every entry against the Recipe schema once id and aliases are set aside", () => {
    const invalid = raw.flatMap(({ file, entry }) => {
      const { id, aliases, ...recipe } = entry;
      const result = Recipe.safeParse(recipe);
      const aliasesOk = Array.isArray(aliases) && aliases.length <= 8 && aliases.every((a) => typeof a === "string");
      return result.success && aliasesOk ? [] : [`${file} ${String(id)}: ${result.error?.message ?? "aliases"}`];
    });
    expect(invalid).toEqual([]);
  });

  it("loads through the provider's loader with every recipe", async () => {
    const entries = await loadCatalogue();
    expect(entries).toHaveLength(raw.length);
    expect(entries.map((e) => e.id).sort()).toEqual(raw.map(({ entry }) => String(entry.id)).sort());
  });

  it("gives every recipe its own title and aliases: no name twice, nor for two recipes", () => {
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const { entry } of raw) {
      const id = String(entry.id);
      for (const name of [String(entry.title).toLowerCase(), ...(entry.aliases as string[])]) {
        const other = owner.get(name);
        if (other) problems.push(other === id ? `${id} lists "${name}" twice` : `"${name}" names ${other} and ${id}`);
        owner.set(name, id);
      }
    }
    expect(problems).toEqual([]);
  });

  it("declares the allergens its ingredients obviously carry (soy sauce → soy + gluten, butter → milk …)", async () => {
    const problems = (await loadCatalogue()).flatMap(({ id, recipe }) =>
      missingAllergens(recipe).map((problem) => `${id}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it("declares diets consistent with its allergens, ingredients and nutrition", async () => {
    const problems = (await loadCatalogue()).flatMap(({ id, recipe }) =>
      dietProblems(recipe).map((problem) => `${id}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});
