import { describe, expect, it } from "vitest";
import { AiError, createCatalogueProvider } from "../src/index.js";

const provider = createCatalogueProvider({ streamDelayMs: 0 });

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("catalogue streamRecipe", () => {
  it("emits growing partials, title first, then the same final answer as generateRecipe", async () => {
    const input = { dish: "pad thai", servings: 4 };
    const events = await collect(provider.streamRecipe(input));
    const final = events.at(-1)!;
    expect(final.type).toBe("final");
    const partials = events.slice(0, -1);
    expect(partials.length).toBeGreaterThan(4);
    expect(partials.every((event) => event.type === "partial")).toBe(true);
    expect(events[0]).toEqual({ type: "partial", recipe: { title: "Pad Thai" } });
    if (final.type !== "final") throw new Error("no final event");
    expect(final).toEqual({ type: "final", ...(await provider.generateRecipe(input)) });

    // Each partial only adds to the one before: ingredients arrive in chunks, then steps.
    let ingredients = 0;
    let steps = 0;
    for (const event of partials) {
      if (event.type !== "partial") continue;
      const nowIngredients = event.recipe.ingredients?.length ?? 0;
      const nowSteps = event.recipe.steps?.length ?? 0;
      expect(nowIngredients).toBeGreaterThanOrEqual(ingredients);
      expect(nowSteps).toBeGreaterThanOrEqual(steps);
      if (nowSteps > 0) expect(nowIngredients).toBe(final.recipe.ingredients.length);
      expect(event.recipe.ingredients ?? []).toEqual(final.recipe.ingredients.slice(0, nowIngredients));
      [ingredients, steps] = [nowIngredients, nowSteps];
    }
    expect(steps).toBe(final.recipe.steps.length);
  });

  it("paces the stream, so partials really arrive before the end", async () => {
    const paced = createCatalogueProvider({ streamDelayMs: 5 });
    const stamps: number[] = [];
    for await (const _event of paced.streamRecipe({ dish: "hummus" })) stamps.push(performance.now());
    expect(stamps.at(-1)! - stamps[0]!).toBeGreaterThanOrEqual(5 * (stamps.length - 1) - 1);
  });

  it("stops with an `aborted` AiError when the caller goes away", async () => {
    const paced = createCatalogueProvider({ streamDelayMs: 20 });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const event of paced.streamRecipe({ dish: "lasagna" }, { signal: controller.signal })) {
        seen.push(event.type);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(run).rejects.toSatisfy((error) => error instanceof AiError && error.kind === "aborted");
    expect(seen).toEqual(["partial", "partial"]);
    await expect(provider.generateRecipe({ dish: "lasagna" }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AiError,
    );
  });
});

describe("catalogue chat", () => {
  async function ask(message: string): Promise<string> {
    const events = await collect(provider.chat([{ role: "user", content: message }]));
    const done = events.at(-1)!;
    if (done.type !== "done") throw new Error("the chat stream did not end with done");
    expect(done.refused).toBe(false);
    const tokens = events.slice(0, -1);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.map((event) => (event.type === "token" ? event.text : "")).join("")).toBe(done.reply);
    return done.reply;
  }

  it("converts units and temperatures", async () => {
    expect(await ask("How many grams in a cup of flour?")).toContain("125 g");
    expect(await ask("how many tablespoons in a cup")).toContain("16 tbsp");
    expect(await ask("8 oz in grams")).toContain("227 g");
    expect(await ask("convert 180C to F")).toContain("356 °F");
    expect(await ask("what is 350 degrees f in celsius?")).toContain("177 °C");
  });

  it("gives safe cooking temperatures", async () => {
    expect(await ask("What temperature is chicken safe at?")).toContain("74 °C (165 °F)");
    expect(await ask("internal temp for a pork roast")).toContain("63 °C (145 °F)");
    expect(await ask("how hot should a burger be inside?")).toContain("71 °C (160 °F)");
    expect(await ask("is salmon safe at 50C?")).toMatch(/^50 °C \(122 °F\) is below the safe minimum/);
  });

  it("suggests substitutions", async () => {
    const buttermilk = await ask("What can I use instead of buttermilk?");
    expect(buttermilk).toMatch(/^Instead of buttermilk:/);
    expect(buttermilk).toContain("lemon juice");
    expect(await ask("I ran out of self-raising flour")).toContain("baking powder");
    expect(await ask("substitute for sour cream")).toMatch(/^Instead of sour cream:/);
  });

  it("looks up a recipe, and says what to make with what the cook has", async () => {
    const carbonara = await ask("How do I make carbonara?");
    expect(carbonara).toMatch(/^\*\*Spaghetti Carbonara\*\*/);
    expect(carbonara).toContain("Ingredients:");
    expect(carbonara).toContain("guanciale");
    const pantry = await ask("What can I make with eggs and spinach?");
    expect(pantry).toMatch(/^With eggs, spinach, the catalogue suggests:/);
    expect(pantry).toContain("Spanakopita");
  });

  it("says plainly what needs Gemini, and what it can do instead", async () => {
    const reply = await ask("Which knife should I buy for filleting fish?");
    expect(reply).toContain("needs the AI model (Gemini)");
    expect(reply).toContain("look up any of the catalogue's");
    expect(await ask("how do I make sushi?")).toMatch(/no recipe for "sushi".*needs the AI model \(Gemini\)/s);
    expect(await ask("what can I use instead of tahini?")).toContain("substitution table doesn't cover that");
  });

  it("answers the newest user turn of a conversation", async () => {
    const events = await collect(
      provider.chat([
        { role: "user", content: "How do I make carbonara?" },
        { role: "assistant", content: "…" },
        { role: "user", content: "gas mark 4 in celsius?" },
      ]),
    );
    const done = events.at(-1)!;
    expect(done.type === "done" && done.reply).toBe("Gas mark 4 is about 180 °C (350 °F).");
  });
});
