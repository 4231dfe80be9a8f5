import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSousClient } from "../src/index.js";
import { describeFailure } from "../src/cli/failures.js";
import { runSous } from "./support/cli.js";
import { apiTokenFor, startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let env: { SOUS_URL: string; SOUS_TOKEN: string };
beforeAll(async () => {
  server = await startTestServer();
  const { token } = await apiTokenFor(server.url, "cli@sous.test");
  env = { SOUS_URL: server.url, SOUS_TOKEN: token };
});
afterAll(() => server.stop());

/** Each run starts node and compiles the CLI with tsx: about a second, several on a busy machine. */
const slow = { timeout: 60_000 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe("sous CLI against the running server", slow, () => {
  it("whoami prints the API token's owner, as text and as JSON", async () => {
    const text = await runSous(["whoami"], env);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toContain("cli@sous.test");
    expect(text.stdout).toContain("role: user");

    const json = await runSous(["whoami", "--json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ email: "cli@sous.test", role: "user", id: expect.stringMatching(UUID) });
  });

  it("generate --json prints the API's result from the offline catalogue", async () => {
    const run = await runSous(["generate", "pad", "thai", "--servings", "3", "--json"], env);

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { source: string; cached: boolean; recipe: { title: string; servings: number } };
    expect(result.source).toBe("catalogue");
    expect(result.recipe.title).toMatch(/pad thai/i);
    expect(result.recipe.servings).toBe(3);
  });

  it("generate prints a readable recipe: title, meta line, ingredients, numbered steps", async () => {
    const run = await runSous(["generate", "pad thai"], env);

    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/pad thai/i);
    expect(lines[1]).toMatch(/serves \d+ · \d+ min prep \+ \d+ min cook · (easy|medium|hard)/);
    expect(lines).toContain("Ingredients");
    expect(lines).toContain("Steps");
    expect(lines).toContain("  1. " + lines[lines.indexOf("Steps") + 1]?.slice(5));
    expect(run.stdout).toMatch(/source: catalogue/);
  });

  it("saves with generate --save, then lists, shows scaled and deletes through the saved commands", async () => {
    const saved = await runSous(["generate", "pad thai", "--save", "--tag", "Weeknight", "--json"], env);
    expect(saved.code).toBe(0);
    const { saved: row, recipe } = JSON.parse(saved.stdout) as {
      saved: { id: string; tags: string[] };
      recipe: { title: string; servings: number; ingredients: { quantity?: number }[] };
    };
    expect(row.tags).toEqual(["weeknight"]);

    const list = await runSous(["saved", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(row.id);
    expect(list.stdout).toContain(recipe.title);
    expect(list.stdout).toContain("#weeknight");

    const found = await runSous(["saved", "list", "--q", "noodles", "--tag", "weeknight", "--json"], env);
    expect(JSON.parse(found.stdout)).toMatchObject({ items: [{ id: row.id }], nextCursor: null });
    const none = await runSous(["saved", "list", "--tag", "breakfast"], env);
    expect(none).toMatchObject({ code: 0, stdout: "No saved recipes.\n" });

    const servings = recipe.servings * 2;
    const shown = await runSous(["saved", "show", row.id, "--servings", String(servings), "--json"], env);
    expect(shown.code).toBe(0);
    const scaled = JSON.parse(shown.stdout) as { recipe: { servings: number; ingredients: { quantity?: number }[] } };
    expect(scaled.recipe.servings).toBe(servings);
    const index = recipe.ingredients.findIndex((item) => item.quantity !== undefined);
    expect(scaled.recipe.ingredients[index]?.quantity).toBeCloseTo(recipe.ingredients[index]!.quantity! * 2, 1);

    const text = await runSous(["saved", "show", row.id], env);
    expect(text.stdout.split("\n")[0]).toBe(recipe.title);
    expect(text.stdout).toContain(`id: ${row.id}`);
    expect(text.stdout).toContain("tags: weeknight");

    const deleted = await runSous(["saved", "delete", row.id], env);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted ${row.id}\n` });
    const gone = await runSous(["saved", "show", row.id], env);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^sous: Not found/);
  });

  it("from-ingredients lists suggestions and chat answers one turn", async () => {
    const pantry = await runSous(["from-ingredients", "eggs", "tomatoes", "onion", "--count", "2"], env);
    expect(pantry.code).toBe(0);
    expect(pantry.stdout).toMatch(/^1\. .+ \(\d+ min, match \d+%\)/);
    expect(pantry.stdout).toContain("source: catalogue");

    const chat = await runSous(["chat", "How", "do", "I", "poach", "an", "egg?", "--json"], env);
    expect(chat.code).toBe(0);
    const reply = JSON.parse(chat.stdout) as { reply: string; conversationId: string };
    expect(reply.reply.length).toBeGreaterThan(0);
    const followUp = await runSous(["chat", "And for how long?", "--conversation", reply.conversationId], env);
    expect(followUp.code).toBe(0);
    expect(followUp.stdout).toContain(`--conversation ${reply.conversationId}`);
  });
});

describe("sous CLI errors and exit codes", slow, () => {
  it("a refused token exits 3 and says to set SOUS_TOKEN", async () => {
    const run = await runSous(["whoami"], { ...env, SOUS_TOKEN: "sous_not-a-real-token" });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("set SOUS_TOKEN");

    const anonymous = await runSous(["saved", "list"], { SOUS_URL: env.SOUS_URL });
    expect(anonymous.code).toBe(3);
    expect(anonymous.stderr).toContain("Not signed in: set SOUS_TOKEN");
  });

  it("a missing id exits 4", async () => {
    const run = await runSous(["saved", "show", crypto.randomUUID()], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/Not found/);
    const deleted = await runSous(["saved", "delete", crypto.randomUUID()], env);
    expect(deleted.code).toBe(4);
  });

  it("input the schema refuses exits 6 and names each field", async () => {
    const run = await runSous(["generate", "soup", "--servings", "100", "--diet", "carnivore"], env);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("servings:");
    expect(run.stderr).toContain("diets.0:");
    const malformed = await runSous(["saved", "show", "not-an-id"], env);
    expect(malformed.code).toBe(6);
    expect(malformed.stderr).toContain("id:");
  });

  it("maps the server's own BAD_REQUEST (flattened zod errors) to exit 6 with each field", async () => {
    // The CLI checks input before sending; this is the answer it gets should the server's schema be stricter.
    const client = createSousClient({ url: env.SOUS_URL, token: env.SOUS_TOKEN });
    const input = { ingredients: [], count: 99 } as unknown as Parameters<typeof client.recipe.fromIngredients.mutate>[0];
    const error = await client.recipe.fromIngredients.mutate(input).catch((e: unknown) => e);

    const failure = describeFailure(error, { url: env.SOUS_URL, hasToken: true });
    expect(failure.exitCode).toBe(6);
    expect(failure.message).toMatch(/^Input refused:\n {2}ingredients: .+\n {2}count: .+$/);
  });

  it("no server exits 1 with a message naming SOUS_URL", async () => {
    const run = await runSous(["whoami"], { SOUS_URL: "http://127.0.0.1:1", SOUS_TOKEN: env.SOUS_TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Cannot reach SOUS_URL (http://127.0.0.1:1)");
  });

  it("--help prints usage and exits 0; bad usage exits 2", async () => {
    const help = await runSous(["--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sous <command>/);
    expect(help.stdout).toContain("saved show <id>");

    const misuses = [[], ["bake"], ["saved"], ["saved", "show"], ["whoami", "--servings", "2"], ["generate", "x", "--count", "two"], ["--nope"]];
    const runs = await Promise.all(misuses.map((args) => runSous(args, env)));
    runs.forEach((run, i) => {
      expect(run.code, misuses[i]?.join(" ")).toBe(2);
      expect(run.stderr).toContain('Run "sous --help" for usage.');
    });
  });
});

describe("sous CLI when rate limited", slow, () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
  });
  afterAll(() => limited.stop());

  it("exits 5 and says when to retry", async () => {
    const { token } = await apiTokenFor(limited.url, "busy@sous.test");
    const runs = [];
    // Three calls a minute: creating the token spent one, so a later whoami is refused.
    for (let i = 0; i < 4 && runs.at(-1)?.code !== 5; i += 1) {
      runs.push(await runSous(["whoami"], { SOUS_URL: limited.url, SOUS_TOKEN: token }));
    }

    expect(runs[0]?.code).toBe(0);
    expect(runs.at(-1)?.code).toBe(5);
    expect(runs.at(-1)?.stderr).toMatch(/^sous: Rate limited: .*Retry after \d+ s\./);
  });
});
