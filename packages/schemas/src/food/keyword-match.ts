/**
 * Matching of ingredient names against keyword tables. Names and keywords are normalised the same way
 * (lower case, accents and apostrophes dropped, anything else that is not a letter or digit a space), and a
 * keyword matches whole words only, singular or plural: "egg" matches "eggs" but not "eggplant".
 */
import type { KeywordTable } from "./diet.keywords.js";

export function normalizeName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The plural forms of a phrase's last word: "anchovy" → anchov(y|ies), "radish" → radish(es)?, "egg" → egg(s)?. */
function phrasePattern(phrase: string): string {
  const words = normalizeName(phrase).split(" ");
  const last = words.pop() ?? "";
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let pattern: string;
  if (/[^aeiou]y$/.test(last)) pattern = `${escape(last.slice(0, -1))}(?:y|ies)`;
  else if (/(?:s|x|z|ch|sh)$/.test(last)) pattern = `${escape(last)}(?:es)?`;
  else pattern = `${escape(last)}(?:s|es)?`;
  return [...words.map(escape), pattern].join(" ");
}

function anyPhrase(phrases: string[]): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  // Longest first, so "soy sauce" is reported rather than "soy".
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  return new RegExp(`(?:^| )(${sorted.map(phrasePattern).join("|")})(?= |$)`, "g");
}

export interface CompiledTable {
  label: string;
  /** The keyword found in `name`, or undefined. */
  find(name: string): string | undefined;
}

export function compileTable(table: KeywordTable): CompiledTable {
  const words = anyPhrase(table.words) ?? /$^/g;
  const except = anyPhrase(table.except ?? []);
  const freeFrom = anyPhrase(table.freeFrom ?? []);
  return {
    label: table.label,
    find(name) {
      let text = normalizeName(name);
      if (freeFrom && matches(freeFrom, text)) return undefined;
      // An exception phrase is cut out, so "peanut butter" leaves nothing for the dairy table to find.
      if (except) text = text.replace(except, " | ");
      words.lastIndex = 0;
      return words.exec(text)?.[1];
    },
  };
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}
