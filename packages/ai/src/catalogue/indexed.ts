import type { CatalogueEntry } from "./catalogue.js";
import { buildNameIndex, type NameIndex } from "./name-search.js";
import { canonicalTokens, isStaple, MODIFIERS, PANTRY_FAMILIES } from "./synonyms.js";
import { tokens } from "./text.js";

/** The loaded catalogue with what every query needs precomputed once. */
export interface IndexedCatalogue {
  entries: readonly CatalogueEntry[];
  names: NameIndex;
  /** Per entry: words of its summary, cuisine and ingredients, for last-resort matching. */
  words: ReadonlySet<string>[];
  /** Per entry: its non-staple ingredients, their head nouns and families (pasta), for likeness. */
  foods: ReadonlySet<string>[];
}

export function indexCatalogue(entries: readonly CatalogueEntry[]): IndexedCatalogue {
  return {
    entries,
    names: buildNameIndex(entries),
    words: entries.map(
      ({ recipe }) =>
        new Set([
          ...tokens(recipe.summary),
          ...tokens(recipe.cuisine ?? ""),
          ...recipe.ingredients.flatMap((item) => tokens(item.name)),
        ]),
    ),
    foods: entries.map(({ recipe }) => {
      const foods = new Set<string>();
      for (const item of recipe.ingredients) {
        if (isStaple(item.name)) continue;
        const words = canonicalTokens(item.name).filter((word) => !MODIFIERS.has(word));
        // The whole name and its head noun: "rice noodle" is also "noodle", "spaghetti" is also "pasta".
        foods.add(words.join(" "));
        const head = words[words.length - 1];
        if (head) foods.add(head);
        for (const [family, members] of Object.entries(PANTRY_FAMILIES)) {
          if (words.some((word) => members.includes(word))) foods.add(family);
        }
      }
      return foods;
    }),
  };
}
