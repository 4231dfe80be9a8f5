import type { FromIngredientsInput, GenerateRecipeInput, Recipe } from "@sous/schemas";
import { Recipe as RecipeSchema } from "@sous/schemas";
import type {
  ChatCallOptions,
  ChatStreamEvent,
  ChatTurn,
  LlmCallOptions,
  RecipeAnswer,
  RecipeStreamEvent,
  SuggestAnswer,
} from "@sous/core";
import { RECIPE_SYSTEM_INSTRUCTION, recipeUserPrompt } from "../prompts/recipe.prompt.js";
import { SUGGEST_SYSTEM_INSTRUCTION, suggestUserPrompt } from "../prompts/suggest.prompt.js";
import { PROMPT_VERSION } from "../prompts/version.js";
import { SuggestionsAnswer } from "../schema/answers.js";
import { toStrictJsonSchema } from "../schema/openai-schema.js";
import { recipeWarnings } from "../shared/recipe-warnings.js";
import { type CallScope, inScope, inScopeStream } from "../shared/call-scope.js";
import { streamChat } from "./chat-stream.js";
import { OpenAIClient } from "./client.js";
import { type OpenAIProviderConfig, resolveOpenAIConfig } from "./config.js";
import { classify } from "./failures.js";
import { streamRecipe } from "./recipe-stream.js";
import { generateStructured, type OpenAITask } from "./structured.js";

/** Fits core's `LlmProvider` structurally (checked where the composition root assigns it). */
export interface OpenAIProvider {
  readonly source: "openai";
  readonly model: string;
  readonly promptVersion: string;
  /** True once the server refused a JSON schema and structured calls use JSON mode. */
  readonly jsonMode: boolean;
  generateRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): Promise<RecipeAnswer>;
  streamRecipe(input: GenerateRecipeInput, options?: LlmCallOptions): AsyncIterable<RecipeStreamEvent>;
  suggest(input: FromIngredientsInput, options?: LlmCallOptions): Promise<SuggestAnswer>;
  chat(history: ChatTurn[], options?: ChatCallOptions): AsyncIterable<ChatStreamEvent>;
  ready(): Promise<boolean>;
}

const DEFAULT_SUGGESTIONS = 3;
/** Derived once, at load, from the zod schemas: never hand-kept copies. */
const recipeJsonSchema = toStrictJsonSchema(RecipeSchema);
const suggestionsJsonSchema = toStrictJsonSchema(SuggestionsAnswer);

/**
 * Any OpenAI-compatible chat-completions server (Ollama, LM Studio, vLLM, llama.cpp's server, OpenAI) through
 * the official `openai` SDK. Same prompts, validation, repair, deadline, retry and abort behaviour as the
 * Gemini provider: every method runs in its own CallScope (one deadline over its attempts, waits, repair and
 * stream reading, combined with the caller's signal), and a stream whose consumer stops aborts its request.
 */
export function createOpenAIProvider(config: OpenAIProviderConfig): OpenAIProvider {
  const resolved = resolveOpenAIConfig(config);
  const client = new OpenAIClient(config.baseUrl, config.apiKey, resolved);

  const failureOf = (error: unknown, scope: CallScope) => classify(error, scope).failure;
  const scoped = <T>(options: LlmCallOptions | undefined, run: (scope: CallScope) => Promise<T>) =>
    inScope(resolved.timeoutMs, options?.signal, failureOf, run);
  const scopedStream = <T>(options: LlmCallOptions | undefined, run: (scope: CallScope) => AsyncGenerator<T>) =>
    inScopeStream(resolved.timeoutMs, options?.signal, failureOf, run);

  const recipeTask = (input: GenerateRecipeInput, options?: LlmCallOptions): OpenAITask<Recipe> => ({
    task: "recipe",
    name: "recipe",
    systemInstruction: RECIPE_SYSTEM_INSTRUCTION,
    jsonSchema: recipeJsonSchema,
    schema: RecipeSchema,
    userPrompt: recipeUserPrompt(input, options?.feedback),
    maxTokens: resolved.maxOutputTokens,
  });

  return {
    source: "openai",
    model: resolved.model,
    promptVersion: `${PROMPT_VERSION}+openai-1`,
    get jsonMode() {
      return client.jsonMode;
    },

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
          name: "suggestions",
          systemInstruction: SUGGEST_SYSTEM_INSTRUCTION,
          jsonSchema: suggestionsJsonSchema,
          schema: SuggestionsAnswer,
          userPrompt: suggestUserPrompt(input, count, options?.feedback),
          // Several whole recipes in one answer: the cap grows with every two dishes asked for.
          maxTokens: resolved.maxOutputTokens * Math.ceil(count / 2),
        });
        return { suggestions: value.suggestions.slice(0, count), usage };
      }),

    chat: (history, options) => scopedStream(options, (scope) => streamChat(client, scope, history, options?.saved)),

    // Readiness must not spend tokens: a configured server is all that can be known without a call.
    ready: () => Promise.resolve(config.baseUrl.length > 0),
  };
}
