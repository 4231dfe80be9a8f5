import type { FromIngredientsInput, GenerateRecipeInput, Recipe, Suggestion } from "@sous/schemas";
import { checkRecipeCompliance } from "../ai/diet-check.js";
import type { LlmProvider, LlmUsage, RecipeAnswer } from "../ports/llm.js";

/**
 * The deterministic diet and allergen check on generated recipes. A recipe that breaks the request is
 * regenerated once, with feedback naming what was wrong; if the second one still breaks it, it is returned
 * with a warning (the caller decides), never silently.
 */

export function regenerationFeedback(violations: string[]): string {
  return `The previous answer did not respect the request: ${violations.join("; ")}. Leave those out entirely.`;
}

export function violationWarning(violations: string[]): string {
  return `This recipe may not meet every requirement you gave: ${violations.join("; ")}. Check the ingredients before cooking.`;
}

export function addUsage(a: LlmUsage | undefined, b: LlmUsage | undefined): LlmUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

/** Checks `first` (already generated) and regenerates once when it violates the request. */
export async function ensureCompliantRecipe(
  provider: LlmProvider,
  input: GenerateRecipeInput,
  first: RecipeAnswer,
  signal: AbortSignal | undefined,
): Promise<RecipeAnswer> {
  const constraints = { diets: input.diets, exclude: input.exclude };
  const check = checkRecipeCompliance(first.recipe, constraints);
  if (check.ok) return first;
  const second = await provider.generateRecipe(input, { signal, feedback: regenerationFeedback(check.violations) });
  const usage = addUsage(first.usage, second.usage);
  const recheck = checkRecipeCompliance(second.recipe, constraints);
  if (recheck.ok) return { ...second, usage };
  return { recipe: second.recipe, warnings: [...second.warnings, violationWarning(recheck.violations)], usage };
}

export async function compliantRecipe(
  provider: LlmProvider,
  input: GenerateRecipeInput,
  signal: AbortSignal | undefined,
): Promise<RecipeAnswer> {
  return ensureCompliantRecipe(provider, input, await provider.generateRecipe(input, { signal }), signal);
}

/**
 * Suggestions: when any breaks the request, the list is regenerated once; suggestions that still break it are
 * dropped (a list has no place for a per-recipe warning, and an allergen must not slip through).
 */
export async function compliantSuggestions(
  provider: LlmProvider,
  input: FromIngredientsInput,
  signal: AbortSignal | undefined,
): Promise<{ suggestions: Suggestion[]; usage?: LlmUsage | undefined }> {
  const constraints = { diets: input.diets, exclude: input.exclude };
  const violationsOf = (recipe: Recipe) => checkRecipeCompliance(recipe, constraints).violations;
  const first = await provider.suggest(input, { signal });
  const broken = first.suggestions.flatMap((s) => violationsOf(s.recipe));
  if (broken.length === 0) return first;
  const second = await provider.suggest(input, { signal, feedback: regenerationFeedback([...new Set(broken)]) });
  return {
    suggestions: second.suggestions.filter((s) => violationsOf(s.recipe).length === 0),
    usage: addUsage(first.usage, second.usage),
  };
}
