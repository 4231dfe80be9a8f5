import type { DeepPartial, LlmUsage } from "@sous/core";
import type { Recipe } from "@sous/schemas";
import { parsePartialJson } from "./partial-json.js";

/** What a provider's recipe stream yields: growing partial recipes, then the checked final one. */
export type RecipeStreamStep =
  | { type: "partial"; recipe: DeepPartial<Recipe> }
  | { type: "final"; recipe: Recipe; usage: LlmUsage };

/**
 * The partial recipes of one streamed answer: `add` takes each text piece and returns the recipe parsed so far
 * (leniently, `shape` applied) when its shape changed since the last one shown, else undefined; `text` is the
 * whole answer so far, for the final checks.
 */
export function partialRecipes(shape: (parsed: unknown) => unknown = (parsed) => parsed) {
  let text = "";
  let shown = "";
  return {
    get text() {
      return text;
    },
    add(piece: string): DeepPartial<Recipe> | undefined {
      text += piece;
      const partial = shape(parsePartialJson(text));
      if (partial === null || typeof partial !== "object" || Array.isArray(partial)) return undefined;
      const snapshot = JSON.stringify(partial);
      if (snapshot === shown) return undefined;
      shown = snapshot;
      return partial as DeepPartial<Recipe>;
    },
  };
}
