import type { GenerateRecipeInput, Recipe } from "@sous/schemas";
import { Recipe as RecipeSchema } from "@sous/schemas";
import { recipeResponseSchema, SuggestionsAnswer, suggestionsResponseSchema } from "../schema/answers.js";
import { NOT_A_DISH, RECIPE_SYSTEM_INSTRUCTION, recipeUserPrompt } from "../prompts/recipe.prompt.js";
import { IMPORT_SYSTEM_INSTRUCTION, importUserPrompt } from "../prompts/import.prompt.js";
import { tidyRecipe, tidySuggestions } from "../schema/tidy-recipe.js";
import { AiError } from "../errors.js";
import { SUGGEST_SYSTEM_INSTRUCTION, suggestUserPrompt } from "../prompts/suggest.prompt.js";
import { PROMPT_VERSION } from "../prompts/version.js";
import { recipeWarnings } from "../shared/recipe-warnings.js";
import { type CallScope, inScope, inScopeStream } from "../shared/call-scope.js";
import { streamChat } from "./chat-stream.js";
import { GeminiClient } from "./client.js";
import { type GeminiProviderConfig, resolveConfig } from "./config.js";
import { classify } from "./failures.js";
import { streamRecipe } from "./recipe-stream.js";
import { generateStructured, type StructuredTask } from "./structured.js";
import type { LlmCallOptions, LlmProvider, RecipeAnswer } from "@sous/core";

/** Core's LLM port, with the prompt version always present. */
export interface GeminiProvider extends LlmProvider {
  readonly source: "gemini";
  /** Changes whenever prompts or response schemas change; belongs in cache keys. */
  readonly promptVersion: string;
  /** A recipe read out of a user's pasted text or a page's visible text (recipe import). */
  extractRecipe(text: string, options?: LlmCallOptions): Promise<RecipeAnswer>;
}

/** Dishes suggested when the caller does not say how many. */
const DEFAULT_SUGGESTIONS = 3;

/**
 * The Gemini provider. Every method runs in its own CallScope: one deadline (`timeoutMs`) over all its
 * attempts, waits, repair and stream reading, combined with the caller's signal; a stream whose consumer
 * stops early aborts its upstream request. Failures leave as AiError (see errors.ts for the kinds).
 */
export function createGeminiProvider(config: GeminiProviderConfig): GeminiProvider {
  const resolved = resolveConfig(config);
  const client = new GeminiClient(config.apiKey, config.baseUrl, resolved);

  const failureOf = (error: unknown, scope: CallScope) => classify(error, scope).failure;
  const scoped = <T>(options: LlmCallOptions | undefined, run: (scope: CallScope) => Promise<T>) =>
    inScope(resolved.timeoutMs, options?.signal, failureOf, run);
  const scopedStream = <T>(options: LlmCallOptions | undefined, run: (scope: CallScope) => AsyncGenerator<T>) =>
    inScopeStream(resolved.timeoutMs, options?.signal, failureOf, run);

  const recipeTask = (input: GenerateRecipeInput, options?: LlmCallOptions): StructuredTask<Recipe> => ({
    task: "recipe",
    systemInstruction: RECIPE_SYSTEM_INSTRUCTION,
    responseSchema: recipeResponseSchema,
    schema: RecipeSchema,
    userPrompt: recipeUserPrompt(input, options?.feedback),
    maxOutputTokens: resolved.outputTokens.recipe,
    prepare: prepareRecipe,
  });

  return {
    source: "gemini",
    model: resolved.model,
    promptVersion: PROMPT_VERSION,

    generateRecipe: (input, options) =>
      scoped(options, async (scope) => {
        const { value, usage } = await generateStructured(client, scope, recipeTask(input, options));
        return { recipe: value, warnings: recipeWarnings(input, value), usage };
      }),

    streamRecipe: (input, options) =>
      scopedStream(options, async function* (scope) {
        for await (const step of streamRecipe(client, scope, recipeTask(input, options))) {
          if (step.type === "partial") yield step;
          else yield { ...step, warnings: recipeWarnings(input, step.recipe) };
        }
      }),

    suggest: (input, options) =>
      scoped(options, async (scope) => {
        const count = input.count ?? DEFAULT_SUGGESTIONS;
        const { value, usage } = await generateStructured(client, scope, {
          task: "suggest",
          systemInstruction: SUGGEST_SYSTEM_INSTRUCTION,
          responseSchema: suggestionsResponseSchema,
          schema: SuggestionsAnswer,
          userPrompt: suggestUserPrompt(input, count, options?.feedback),
          prepare: tidySuggestions,
          // Several whole recipes in one answer: the cap grows with every dish asked for.
          maxOutputTokens: resolved.outputTokens.suggestOverhead + count * resolved.outputTokens.suggestPerDish,
        });
        return { suggestions: value.suggestions.slice(0, count), usage };
      }),

    chat: (history, options) => scopedStream(options, (scope) => streamChat(client, scope, history, options?.saved)),

    extractRecipe: (text, options) =>
      scoped(options, async (scope) => {
        const { value, usage } = await generateStructured(client, scope, {
          task: "recipe",
          systemInstruction: IMPORT_SYSTEM_INSTRUCTION,
          responseSchema: recipeResponseSchema,
          schema: RecipeSchema,
          userPrompt: importUserPrompt(text),
          // An imported page is one recipe: the recipe cap, and the same tidying (no NOT_A_DISH here).
          maxOutputTokens: resolved.outputTokens.recipe,
          prepare: tidyRecipe,
        });
        return { recipe: value, warnings: [], usage };
      }),

    // Readiness must not spend quota: a configured key is all that can be known without a call.
    ready: () => Promise.resolve(config.apiKey.length > 0),
  };
}

/** The model said the input is not a dish: a refusal, never a repair and never a made-up dish. */
function prepareRecipe(json: unknown): unknown {
  if (typeof json === "object" && json !== null && (json as { title?: unknown }).title === NOT_A_DISH) {
    throw new AiError("refused", "The recipe model declined this request", { cause: "not a dish" });
  }
  return tidyRecipe(json);
}
