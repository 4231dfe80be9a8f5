import { describe, expect, it } from "vitest";
import { contentWords, requestedServings, sourcesOf } from "../../src/chat/grounding.js";
import type { SavedRecipeContext } from "../../src/ports/llm.js";

const context = (savedId: string, title: string) => ({ savedId, title }) as SavedRecipeContext;
const curry = context("c", "Chickpea Curry");
const lasagne = context("l", "Vegetable Lasagne");

describe("grounding", () => {
  it("keeps the words that say which recipe a question means", () => {
    expect(contentWords("What can I cook from my saved recipes with chickpeas?")).toEqual(["chickpeas"]);
    expect(contentWords("How long does my lasagne take?")).toEqual(["lasagne"]);
    expect(contentWords("Scale my pad thai to 6")).toEqual(["pad", "thai"]);
    expect(contentWords("What did I save last week?")).toEqual([]);
  });

  it.each([
    ["Scale my pad thai to 6", 6],
    ["scale the lasagne for 12 please", 12],
    ["my curry for 8 people", 8],
    ["scale my pad thai to 60", undefined],
    ["how long does my lasagne take?", undefined],
  ])("reads the servings asked for in %j", (message, expected) => {
    expect(requestedServings(message)).toBe(expected);
  });

  it("sources: the provider's report (only of given recipes), else titles named, else all when about saved", () => {
    const grounding = { saved: [curry, lasagne], aboutSaved: true };
    expect(sourcesOf(grounding, "anything", ["l", "someone-elses-id"])).toEqual([{ savedId: "l", title: "Vegetable Lasagne" }]);
    expect(sourcesOf(grounding, "Your chickpea curry is quick.", undefined)).toEqual([{ savedId: "c", title: "Chickpea Curry" }]);
    expect(sourcesOf(grounding, "Both are quick.", undefined)).toHaveLength(2);
    expect(sourcesOf({ ...grounding, aboutSaved: false }, "Boil for 10 minutes.", undefined)).toEqual([]);
  });
});
