import { describe, expect, it } from "vitest";
import { createCatalogueProvider } from "../src/index.js";

/** Offline chat answers that plurals and everyday phrasings must not derail. */
const provider = createCatalogueProvider({ streamDelayMs: 0 });

async function ask(message: string): Promise<string> {
  let reply = "";
  for await (const event of provider.chat([{ role: "user", content: message }])) {
    if (event.type === "done") reply = event.reply;
  }
  return reply;
}

describe("offline chat", () => {
  it.each([
    ["What temperature should burgers reach?", "71 °C"],
    ["Are my burgers safe at 65 degrees?", "71 °C"],
    ["What internal temp for steaks?", "63 °C"],
    ["safe temperature for chicken thighs", "74 °C"],
    ["what temperature are pork chops done", "63 °C"],
    ["how hot should meatballs be inside?", "71 °C"],
    ["safe temp for sausages", "71 °C"],
    ["when are prawns done? what temperature", "63 °C"],
  ])("safe temperatures for plurals: %s", async (message, expected) => {
    expect(await ask(message)).toContain(expected);
  });

  it.each([
    ["How many ounces in a cup?", "8 fl oz"],
    ["how many ounces are in a cup", "8 fl oz"],
    ["How many cups is 16 ounces?", "2 cups"],
  ])("ounces beside a cup are fluid ounces: %s", async (message, expected) => {
    expect(await ask(message)).toContain(expected);
  });

  it("an ounce of a named ingredient is still a weight", async () => {
    expect(await ask("How many ounces in a cup of flour?")).toMatch(/oz/);
    expect(await ask("How many ounces in a cup of flour?")).not.toContain("fl oz");
  });
});
