/**
 * Food text normalisation shared by the offline catalogue, the diet and allergen check and the cache keys:
 * accent folding, tokens and a small English singulariser. Everything compared goes through `tokens()`, so
 * "Crème Brûlée", "creme brulee" and "CREME BRULEES" meet on the same tokens.
 */

/** Lower-case, accents folded, "&" spelled out, apostrophes dropped, other non-alphanumerics made spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/&/g, " and ")
    .replace(/['’]/g, "") // "shepherd's" is one word
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Words whose plural is not a plain suffix, or that only look plural.
const IRREGULAR: Record<string, string> = {
  leaves: "leaf",
  halves: "half",
  loaves: "loaf",
  knives: "knife",
  calves: "calf",
  mice: "mouse",
  geese: "goose",
  teeth: "tooth",
};
const INVARIANT = new Set(["molasses", "series", "species", "swiss"]);
// Singulars ending in -ie, so that "cookies" becomes "cookie" and not "cooky".
const IE_WORDS = new Set(["cooki", "browni", "pi", "smoothi", "veggi", "calori", "hippi", "birdi", "pasti"]);

/** A good-enough English singular for food words ("tomatoes" → "tomato", "berries" → "berry"). */
export function singular(word: string): string {
  if (word.length <= 3 || INVARIANT.has(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.endsWith("ies")) {
    const stem = word.slice(0, -3);
    return IE_WORDS.has(`${stem}i`) ? `${stem}ie` : `${stem}y`;
  }
  if (word.endsWith("oes")) return word.slice(0, -2);
  if (/(?:ches|shes|sses|xes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

// The catalogue's names are tokenised on every query: remember them (bounded, as user text passes too).
const tokenMemo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 5000;

/** Folded, singular tokens of a phrase. */
export function tokens(text: string): readonly string[] {
  const known = tokenMemo.get(text);
  if (known) return known;
  const folded = fold(text);
  const result = folded === "" ? [] : folded.split(" ").map(singular);
  if (tokenMemo.size >= MEMO_LIMIT) tokenMemo.clear();
  tokenMemo.set(text, result);
  return result;
}
