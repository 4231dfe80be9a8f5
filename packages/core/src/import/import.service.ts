import { Recipe, type RecipeImportInput, type RecipeImportResult } from "@sous/schemas";
import { quotaSubject, recordUsage, type AiCaller } from "../ai/caller.js";
import { guardText } from "../ai/guard-input.js";
import { toDomainError } from "../ai/llm-errors.js";
import type { PromptGuard } from "../ai/prompt-guard.js";
import type { AiQuota } from "../ai/quota.js";
import type { UsageService } from "../ai/usage.service.js";
import { UpstreamError } from "../errors.js";
import type { CoreLogger } from "../logger.js";
import type { LlmProvider, LlmUsage } from "../ports/llm.js";
import type { PageFetcher } from "../ports/page-fetcher.js";
import { NoRecipeFoundError } from "./import-errors.js";
import { checkedDiets, mapSchemaRecipe } from "./map-recipe.js";
import { findJsonLdRecipe, findMicrodataRecipe, load, visibleText } from "./structured-data.js";
import { recipeFromText } from "./text-recipe.js";

export interface ImportService {
  /** Reads a recipe from a page or from pasted text; validated, never saved (`saved.create` keeps it). */
  import(input: RecipeImportInput, caller: AiCaller, signal?: AbortSignal): Promise<RecipeImportResult>;
}

export interface ImportServiceDeps {
  fetcher: PageFetcher;
  provider: LlmProvider;
  quota: AiQuota;
  usage: UsageService;
  guard: PromptGuard;
  logger: CoreLogger;
}

/** Visible text handed to the model or the parser: the recipe is nearly always in the first 20,000 characters. */
const PAGE_TEXT_MAX = 20_000;

/**
 * Recipe import, cheapest reading first: a page's schema.org JSON-LD, then its microdata (no model, no
 * quota); then its visible text, like pasted text, through the model (guarded as user text, metered by the
 * caller's AI quota). A provider without `extractRecipe` (the offline catalogue) leaves text to Sous's own
 * parser, which says in the warnings what it could not fill. Fetch failures and refusals are the fetcher's
 * domain errors; nothing readable as a recipe is UNPROCESSABLE_CONTENT.
 */
export function createImportService(deps: ImportServiceDeps): ImportService {
  const { fetcher, provider, quota, usage, guard, logger } = deps;

  async function fromText(text: string, caller: AiCaller, signal: AbortSignal | undefined, what: string) {
    const guarded = guardText(guard, text, "import", caller);
    const release = await quota.acquire(quotaSubject(caller));
    let spent: LlmUsage | undefined;
    try {
      if (!provider.extractRecipe) {
        const parsed = recipeFromText(guarded);
        if (!parsed) throw new NoRecipeFoundError(`No recipe found in the ${what}`);
        return parsed;
      }
      const answer = await provider.extractRecipe(guarded, { signal });
      spent = answer.usage;
      const checked = Recipe.safeParse(answer.recipe);
      if (!checked.success) throw new UpstreamError();
      if (checked.data.title === "No recipe") throw new NoRecipeFoundError(`No recipe found in the ${what}`);
      // The model's diets are checked like a page's: contradicted ones are dropped and said.
      const warnings = [...answer.warnings];
      const recipe = { ...checked.data, diets: checkedDiets(checked.data, checked.data.diets, warnings) };
      return { recipe, warnings };
    } catch (error) {
      throw toDomainError(error);
    } finally {
      release();
      await recordUsage(usage, logger, caller, spent);
    }
  }

  return {
    async import(input, caller, signal) {
      if ("text" in input) {
        const { recipe, warnings } = await fromText(input.text, caller, signal, "text");
        return { recipe, source: "ai", warnings };
      }
      const page = await fetcher.fetch(input.url, { signal });
      const $ = load(page.html);
      const jsonLd = findJsonLdRecipe($);
      const fromJsonLd = jsonLd && mapSchemaRecipe(jsonLd);
      if (fromJsonLd) return { ...fromJsonLd, source: "json-ld", sourceUrl: page.url };
      const microdata = findMicrodataRecipe(page.html, page.url);
      const fromMicrodata = microdata && mapSchemaRecipe(microdata);
      if (fromMicrodata) return { ...fromMicrodata, source: "microdata", sourceUrl: page.url };
      const text = visibleText($, PAGE_TEXT_MAX);
      if (!text) throw new NoRecipeFoundError("No recipe found on the page");
      const { recipe, warnings } = await fromText(text, caller, signal, "page");
      return { recipe, source: "ai", sourceUrl: page.url, warnings: ["The page has no structured recipe: read from its text.", ...warnings] };
    },
  };
}
