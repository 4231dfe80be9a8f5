import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CATALOGUE_MODEL, createCatalogueProvider, loadCatalogue } from "../src/index.js";

const recipe = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Dish ${id}`,
  aliases: [],
  summary: "A test dish.",
  servings: 2,
  prepMinutes: 5,
  cookMinutes: 5,
  difficulty: "easy",
  diets: [],
  allergens: [],
  ingredients: [{ name: "rice", quantity: 100, unit: "g" }],
  steps: ["Cook it.", "Season it.", "Serve it."],
  ...extra,
});

const dirs: string[] = [];
async function folder(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sous-catalogue-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("catalogue loading", () => {
  it("loads every *.json file of the folder and ignores other files", async () => {
    const dir = await folder({ "a.json": [recipe("one")], "b.json": [recipe("two")], "notes.txt": "not data" });
    const entries = await loadCatalogue(dir);
    expect(entries.map((entry) => entry.id)).toEqual(["one", "two"]);
    expect(entries[0]!.recipe).not.toHaveProperty("id");
    expect(entries[0]!.recipe).not.toHaveProperty("aliases");
  });

  it("fails loudly, naming the file, entry and field of every invalid entry", async () => {
    const dir = await folder({
      "a.json": [recipe("good"), recipe("bad-servings", { servings: 0 }), recipe("Not A Slug")],
      "b.json": [recipe("extra-field", { colour: "red" })],
    });
    const error = await loadCatalogue(dir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("a.json[1] (bad-servings): servings");
    expect(error?.message).toContain("a.json[2] (Not A Slug): id: must be a kebab-case slug");
    expect(error?.message).toContain("b.json[0] (extra-field)");
  });

  it("rejects an id used twice, even across files", async () => {
    const dir = await folder({ "a.json": [recipe("twice")], "b.json": [recipe("twice")] });
    await expect(loadCatalogue(dir)).rejects.toThrow('b.json[0] (twice): id "twice" already used by a.json[0]');
  });

  it("rejects broken JSON, a non-array file and an empty folder", async () => {
    await expect(loadCatalogue(await folder({ "a.json": "[{" }))).rejects.toThrow("a.json: not valid JSON");
    await expect(loadCatalogue(await folder({ "a.json": { id: "x" } }))).rejects.toThrow("expected a JSON array");
    await expect(loadCatalogue(await folder({}))).rejects.toThrow("no *.json files");
  });
});

describe("catalogue provider lifecycle", () => {
  it("is a catalogue provider with a stable model id", () => {
    const provider = createCatalogueProvider();
    expect(provider.source).toBe("catalogue");
    expect(provider.model).toBe(CATALOGUE_MODEL);
  });

  it("loads lazily, once: it is ready after the first load even if the files then disappear", async () => {
    const dir = await folder({ "a.json": [recipe("only")] });
    const provider = createCatalogueProvider({ dataDir: dir, streamDelayMs: 0 });
    expect(await provider.ready()).toBe(true);
    await rm(dir, { recursive: true });
    expect(await provider.ready()).toBe(true);
    expect((await provider.generateRecipe({ dish: "dish only" })).recipe.title).toBe("Dish only");
  });

  it("is not ready, and fails every call, when the data is invalid", async () => {
    const dir = await folder({ "a.json": [recipe("x", { steps: [] })] });
    const provider = createCatalogueProvider({ dataDir: dir });
    expect(await provider.ready()).toBe(false);
    await expect(provider.generateRecipe({ dish: "x" })).rejects.toThrow("is invalid");
    await expect(createCatalogueProvider({ dataDir: join(dir, "missing") }).ready()).resolves.toBe(false);
  });

  it("accepts the data folder as a file URL", async () => {
    const provider = createCatalogueProvider({ dataDir: new URL("./fixtures/catalogue/", import.meta.url) });
    expect(await provider.ready()).toBe(true);
    expect((await provider.generateRecipe({ dish: "prawn stir fry" })).recipe.title).toBe("Garden Prawn Stir-Fry");
  });
});
