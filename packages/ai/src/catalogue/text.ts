/**
 * Text normalisation shared by name search, ingredient matching and chat: accent folding, tokens, a small
 * English singulariser and Damerau–Levenshtein distance. Everything the catalogue compares goes through
 * `tokens()`, so "Crème Brûlée", "creme brulee" and "CREME BRULEES" meet on the same tokens.
 */

export { fold, singular, tokens } from "@sous/schemas/food";

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("carbonaar"). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Typos tolerated in a word of this length: none in short words, where one edit makes another word. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 11) return 2;
  return 3;
}

/**
 * Similarity of a typed word to a catalogue word in 0..1: 1 when equal, lower per typo, 0.75 when the typed
 * word is a prefix of at least three letters ("spag" → "spaghetti"), 0 when too far apart.
 */
export function wordSimilarity(typed: string, known: string): number {
  if (typed === known) return 1;
  const budget = typoBudget(Math.min(typed.length, known.length));
  const distance = budget === 0 ? Infinity : editDistance(typed, known, budget);
  const fuzzy = distance <= budget ? 1 - distance / Math.max(typed.length, known.length) : 0;
  const prefix = typed.length >= 3 && known.startsWith(typed) ? 0.75 : 0;
  return Math.max(fuzzy, prefix);
}
