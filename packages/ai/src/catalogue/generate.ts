import type { GenerateRecipeInput } from "@sous/schemas";
import { describeRequest, describeViolations, violations, type Constraints, type Violation } from "./constraints.js";
import type { IndexedCatalogue } from "./indexed.js";
import { nameScore, parseNameQuery, textScore } from "./name-search.js";
import { scaleRecipe } from "@sous/schemas";
import { fold } from "./text.js";
import type { RecipeAnswer } from "@sous/core";

/**
 * Picks the catalogue recipe for a dish name. In order of preference: the best name match when it meets every
 * constraint; another good name match that complies; the compliant recipe most like the best match (cuisine,
 * ingredients, name). Whenever the answer is not the best name match, a warning says so; when nothing
 * complies, the best name match comes back with a warning listing what it breaks. Never throws for a
 * well-formed input.
 */

/** Name scores at or above this mean "this is the dish asked for" (query words nearly all explained). */
export const GOOD_MATCH = 0.7;

interface Candidate {
  index: number;
  name: number;
  cuisine: boolean;
  violations: Violation[];
}

export function chooseRecipe(catalogue: IndexedCatalogue, input: GenerateRecipeInput): RecipeAnswer {
  const query = parseNameQuery(input.dish);
  const constraints: Constraints = {
    diets: [...new Set([...(input.diets ?? []), ...query.diets])],
    exclude: input.exclude ?? [],
    maxMinutes: input.maxMinutes,
  };
  const wantedCuisine = input.cuisine ? fold(input.cuisine) : undefined;
  const candidates: Candidate[] = catalogue.entries.map((entry, index) => ({
    index,
    name: nameScore(catalogue.names, query, index),
    cuisine: wantedCuisine !== undefined && fold(entry.recipe.cuisine ?? "") === wantedCuisine,
    violations: violations(entry.recipe, constraints),
  }));
  // The cuisine is a preference: it breaks near-ties between names, it never beats a clearly better name.
  const byName = (c: Candidate) => c.name + (c.cuisine ? 0.05 : 0);
  const dishScore = (c: Candidate) => (query.withDiets ? nameScore(catalogue.names, query, c.index, true) : c.name);
  const best = argmax(candidates, byName)!;
  const compliant = candidates.filter((c) => c.violations.length === 0);
  const title = (c: Candidate) => catalogue.entries[c.index]!.recipe.title;
  const warnings: string[] = [];
  let chosen: Candidate;

  if (compliant.length === 0) {
    chosen = best.name >= GOOD_MATCH ? best : argmax(candidates, (c) => byName(c) - 0.1 * c.violations.length)!;
    const broken = describeViolations(chosen.violations);
    warnings.push(`No recipe in the offline catalogue meets every request; ${title(chosen)} ${broken}.`);
  } else if (best.name >= GOOD_MATCH) {
    // Another good name match that complies ("vegan chili" → Vegetarian Chili); else the closest dish.
    const named = argmax(compliant, byName)!;
    chosen =
      named.name >= GOOD_MATCH
        ? named
        : closestTo(catalogue, best.index, compliant, (c) => 0.3 * dishScore(c) + (c.cuisine ? 0.1 : 0));
    if (chosen.name < best.name - 1e-9) {
      const asked = describeRequest(best.violations, title(best));
      warnings.push(`No ${asked} in the offline catalogue; here is ${title(chosen)} instead.`);
    }
  } else {
    const text = (c: Candidate) => 0.5 * textScore(query, catalogue.words[c.index]!);
    chosen = argmax(compliant, (c) => Math.max(c.name, text(c)) + (c.cuisine ? 0.1 : 0))!;
    warnings.push(`The offline catalogue has no recipe for "${input.dish}"; the closest is ${title(chosen)}.`);
  }

  const recipe = catalogue.entries[chosen.index]!.recipe;
  if (input.cuisine && !chosen.cuisine) {
    warnings.push(`${recipe.title} is ${recipe.cuisine ?? "not tied to a cuisine"}, not ${input.cuisine}.`);
  }
  return { recipe: input.servings ? scaleRecipe(recipe, input.servings) : recipe, warnings };
}

/**
 * The candidate most like recipe `target` (plus a bonus of the caller's), where likeness in 0..1 is shared
 * ingredients and their head nouns (Jaccard), the same cuisine and shared name words.
 */
function closestTo(
  catalogue: IndexedCatalogue,
  target: number,
  candidates: readonly Candidate[],
  bonus: (c: Candidate) => number,
): Candidate {
  const recipe = catalogue.entries[target]!.recipe;
  const cuisine = fold(recipe.cuisine ?? "");
  const title = parseNameQuery(recipe.title);
  return argmax(candidates, (c) => {
    const other = catalogue.entries[c.index]!.recipe;
    const sameCuisine = cuisine !== "" && fold(other.cuisine ?? "") === cuisine ? 1 : 0;
    const shared = jaccard(catalogue.foods[target]!, catalogue.foods[c.index]!);
    return 0.3 * sameCuisine + 0.45 * shared + 0.25 * nameScore(catalogue.names, title, c.index) + bonus(c);
  })!;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The highest-scoring item; the earliest in catalogue order on ties, so answers are stable. */
function argmax<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let bestItem: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const value = score(item);
    if (value > bestScore) [bestItem, bestScore] = [item, value];
  }
  return bestItem;
}

/** The `limit` entries whose names best match a dish name, best first, with their scores. */
export function closestByName(catalogue: IndexedCatalogue, dish: string, limit: number) {
  const query = parseNameQuery(dish);
  return catalogue.entries
    .map((entry, index) => ({ entry, score: nameScore(catalogue.names, query, index) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
