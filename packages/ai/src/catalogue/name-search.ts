import type { Diet } from "@sous/schemas";
import type { CatalogueEntry } from "./catalogue.js";
import { editDistance, tokens, typoBudget, wordSimilarity } from "./text.js";

/**
 * Dish-name search over titles and aliases.
 *
 * A small scorer rather than a library, on purpose: MiniSearch and Fuse.js were the candidates. MiniSearch
 * ranks with BM25, whose scores are unbounded, and Fuse's Bitap score is character-level and order-sensitive;
 * neither tells us what we most need, "is this a good enough match or should we say we are offering something
 * else", and neither counts transpositions as one typo. With ~170 recipes of ~5 names each, a token scorer
 * with a bounded score is a few dozen lines and a millisecond or two per query:
 *   - each word of the query is matched to its most similar word of a name (typos by Damerau–Levenshtein,
 *     plurals by the shared singulariser, accents folded, prefixes of 3+ letters), so word order is free;
 *   - words are weighted by rarity across the catalogue (IDF), so "curry" says more than "chicken";
 *   - score = 0.75 × how much of the query the name explains + 0.25 × how much of the name the query explains,
 *     in 0..1; a run-together query ("padthai") is also compared letter by letter with the name.
 */

// Filler a cook adds that names no dish: it must neither lower a match nor earn a warning. Appliance words
// ("air fryer", "instant pot") say how, not what.
const STOPWORDS = new Set(
  ["a", "an", "the", "of", "with", "and", "n", "in", "on", "or", "style", "recipe", "easy", "quick", "simple"]
    .concat(["best", "homemade", "classic", "authentic", "traditional", "my", "some", "dish", "please"])
    .concat(["ever", "perfect", "ultimate", "amazing", "delicious", "yummy", "tasty", "famous", "favorite"])
    .concat(["favourite", "healthy", "healthier", "weeknight", "lazy", "super", "really", "very", "better"])
    .concat(["air", "fryer", "airfryer", "instant", "instapot", "crockpot", "minute", "minutes", "mins", "fast"])
    .concat(["budget", "cheap", "restaurant", "copycat"]),
);

/** Diet phrases recognised inside a dish name ("vegan pad thai"). */
const DIET_PHRASES: Array<[string, Diet]> = [
  ["vegan", "vegan"],
  ["plant based", "vegan"],
  ["vegetarian", "vegetarian"],
  ["veggie", "vegetarian"],
  ["pescatarian", "pescatarian"],
  ["gluten free", "gluten-free"],
  ["dairy free", "dairy-free"],
  ["nut free", "nut-free"],
  ["halal", "halal"],
  ["kosher", "kosher"],
  ["keto", "keto"],
  ["low carb", "low-carb"],
];

export interface NameQuery {
  text: string;
  /** The words that name the dish; diet words ("vegan pad thai") are constraints, so not among them. */
  words: string[];
  /** All the words, diet words included, when there are any: an alias may say "vegan chili". */
  withDiets: string[] | undefined;
  diets: Diet[];
  /** Per typed word, its similarity to every catalogue word (by vocabulary id), worked out once per query. */
  rows: Map<string, Float64Array>;
}

interface IndexedName {
  words: string[];
  /** Vocabulary ids of `words`. */
  ids: number[];
  compact: string;
}

export interface NameIndex {
  names: IndexedName[][];
  vocabulary: string[];
  /** IDF per vocabulary id: rare words say more. */
  idf: Float64Array;
  /** The IDF of a word no recipe name has. */
  maxIdf: number;
}

const nameWords = (text: string) => tokens(text).filter((word) => !STOPWORDS.has(word));

export function buildNameIndex(entries: readonly CatalogueEntry[]): NameIndex {
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (word: string) => ids.get(word) ?? (ids.set(word, vocabulary.push(word) - 1), vocabulary.length - 1);
  const names = entries.map((entry) =>
    [entry.recipe.title, ...entry.aliases].map((name) => {
      const words = nameWords(name);
      return { words, ids: words.map(idOf), compact: words.join("") };
    }),
  );
  const documentFrequency = new Array<number>(vocabulary.length).fill(0);
  for (const entryNames of names) {
    for (const id of new Set(entryNames.flatMap((name) => name.ids))) documentFrequency[id]! += 1;
  }
  const idfOf = (df: number) => Math.log((entries.length + 1) / (df + 0.5));
  return { names, vocabulary, idf: Float64Array.from(documentFrequency, idfOf), maxIdf: idfOf(0) };
}

export function parseNameQuery(text: string): NameQuery {
  const all = nameWords(text);
  const folded = ` ${all.join(" ")} `;
  const dietWords = new Set<string>();
  const diets: Diet[] = [];
  for (const [phrase, diet] of DIET_PHRASES) {
    const phraseWords = tokens(phrase);
    if (!folded.includes(` ${phraseWords.join(" ")} `)) continue;
    if (!diets.includes(diet)) diets.push(diet);
    for (const word of phraseWords) dietWords.add(word);
  }
  const dish = all.filter((word) => !dietWords.has(word));
  const words = dish.length > 0 ? dish : all;
  return { text, words, withDiets: words.length < all.length ? all : undefined, diets, rows: new Map() };
}

/**
 * How well a query names one catalogue entry, 0..1 (best of its title and aliases). `dishOnly` leaves diet
 * words out entirely, for comparing dishes rather than finding a named one.
 */
export function nameScore(index: NameIndex, query: NameQuery, entryIndex: number, dishOnly = false): number {
  let best = 0;
  for (const name of index.names[entryIndex] ?? []) {
    best = Math.max(best, scoreOneName(index, query, query.words, name));
    if (query.withDiets && !dishOnly) best = Math.max(best, scoreOneName(index, query, query.withDiets, name));
  }
  return best;
}

function similarities(index: NameIndex, query: NameQuery, word: string): Float64Array {
  let row = query.rows.get(word);
  if (!row) query.rows.set(word, (row = Float64Array.from(index.vocabulary, (known) => wordSimilarity(word, known))));
  return row;
}

function scoreOneName(index: NameIndex, query: NameQuery, typed: readonly string[], name: IndexedName): number {
  if (typed.length === 0 || name.ids.length === 0) return 0;
  const words = joinCompounds(typed, name.words);
  let queryWeight = 0;
  let queryMatched = 0;
  let nameWeight = 0;
  let nameMatched = 0;
  const bestForName = new Float64Array(name.ids.length);
  for (const word of words) {
    const row = similarities(index, query, word);
    let best = 0;
    let weight = index.maxIdf;
    name.ids.forEach((id, i) => {
      bestForName[i] = Math.max(bestForName[i]!, row[id]!);
      if (row[id]! > best) [best, weight] = [row[id]!, index.idf[id]!];
    });
    queryWeight += weight;
    queryMatched += weight * best;
  }
  name.ids.forEach((id, i) => {
    nameWeight += index.idf[id]!;
    nameMatched += index.idf[id]! * bestForName[i]!;
  });
  const byWords = 0.75 * (queryMatched / queryWeight) + 0.25 * (nameMatched / nameWeight);
  // Letter by letter too, for words split differently ("padthai") or too short for a typo ("phad tai").
  return byWords === 1 ? 1 : Math.max(byWords, compactSimilarity(words.join(""), name.compact));
}

/** Query words typed apart that the name writes as one ("meat balls" for "meatballs") are joined. */
function joinCompounds(query: readonly string[], name: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < query.length; i++) {
    const [word, next] = [query[i]!, query[i + 1]];
    if (next !== undefined && name.includes(word + next) && !name.includes(word) && !name.includes(next)) {
      joined.push(word + next);
      i += 1;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

/** Letter-level comparison for run-together or split words ("padthai", "pan cakes"). */
function compactSimilarity(a: string, b: string): number {
  if (a.length < 5 || b.length < 5) return 0;
  const budget = typoBudget(Math.min(a.length, b.length));
  const distance = editDistance(a, b, budget);
  return distance <= budget ? 1 - distance / Math.max(a.length, b.length) : 0;
}

/** Words of free text that appear (allowing typos) among a recipe's other words: a weak, last-resort signal. */
export function textScore(query: NameQuery, words: ReadonlySet<string>): number {
  if (query.words.length === 0) return 0;
  let matched = 0;
  for (const word of query.words) {
    if (words.has(word)) matched += 1;
    else if ([...words].some((candidate) => typoBudget(word.length) > 0 && editDistance(word, candidate, 1) <= 1)) {
      matched += 0.8;
    }
  }
  return matched / query.words.length;
}
