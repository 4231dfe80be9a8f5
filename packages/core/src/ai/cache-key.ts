import { createHash } from "node:crypto";
import { canonicalTokens, fold } from "@sous/schemas/food";

export interface CacheKeyParts {
  /** What is cached: "recipe", "suggestions"… */
  kind: string;
  provider: string;
  model: string;
  /** Bumped whenever a prompt changes, so answers to an old prompt are never served for the new one. */
  promptVersion: string;
  input: unknown;
}

/**
 * The cache key of an AI answer: the input normalised so that requests meaning the same thing share a key,
 * hashed together with everything that changes the answer (kind, provider, model, prompt version). The hash
 * keeps user text out of Redis key names and bounds their length. What counts as "the same":
 * - text: case, accents, punctuation, hyphens and spacing ("Pad-Thai", "pad thai." = "pad thai");
 * - a list of words (ingredients, exclusions, diets) is a set of canonical ingredient names: order, repeats,
 *   plurals and the synonyms the catalogue knows do not count (["Eggs", "courgette"] = ["zucchini", "egg"]);
 * - an option left out, set to undefined or to an empty list asks the same thing (`diets: []` = no diets).
 */
export function cacheKey(parts: CacheKeyParts): string {
  const material = JSON.stringify([parts.provider, parts.model, parts.promptVersion, normalize(parts.input)]);
  return `${parts.kind}:${createHash("sha256").update(material).digest("hex")}`;
}

function normalize(value: unknown): unknown {
  if (typeof value === "string") return fold(value);
  if (Array.isArray(value)) {
    // A list of words is a set of ingredient names: order, repeats, plurals and synonyms do not change the answer.
    if (value.every((item) => typeof item === "string")) {
      return [...new Set(value.map((item) => canonicalTokens(item).join(" ")))].sort();
    }
    return value.map(normalize);
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      // An absent option, an undefined one and an empty list ask the same thing.
      .filter(([, item]) => item !== undefined && !(Array.isArray(item) && item.length === 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, normalize(item)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}
