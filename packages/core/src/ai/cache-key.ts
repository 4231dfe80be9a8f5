import { createHash } from "node:crypto";

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
 * The cache key of an AI answer: the input normalised so that requests meaning the same thing share a key
 * ("Pad Thai " = "pad thai"; ["Egg", "rice"] = ["rice", "egg", "egg"]), hashed together with everything that
 * changes the answer. The hash keeps user text out of Redis key names and bounds their length.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const material = JSON.stringify([parts.provider, parts.model, parts.promptVersion, normalize(parts.input)]);
  return `${parts.kind}:${createHash("sha256").update(material).digest("hex")}`;
}

function normalize(value: unknown): unknown {
  if (typeof value === "string") return value.trim().replace(/\s+/g, " ").toLowerCase();
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    // A list of words is a set: order and repeats do not change the answer.
    if (items.every((item) => typeof item === "string")) return [...new Set(items as string[])].sort();
    return items;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      // An absent option and an undefined one ask the same thing.
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => [key, normalize(item)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}
