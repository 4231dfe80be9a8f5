import type { FromIngredientsInput, GenerateRecipeInput } from "@sous/schemas";
import { AiError } from "../errors.js";
import { loadCatalogue } from "./catalogue.js";
import { answerChat } from "./chat/chat.js";
import { chooseRecipe } from "./generate.js";
import { indexCatalogue, type IndexedCatalogue } from "./indexed.js";
import { streamRecipeAnswer, streamReply } from "./stream.js";
import { suggestRecipes } from "./suggest.js";
import type { ChatTurn, LlmCallOptions } from "@sous/core";
import type { CatalogueProvider } from "./types.js";

/**
 * The offline LLM provider: answers from the shipped recipe catalogue, no network, no key. It is the embedded
 * default when GEMINI_API_KEY is unset; it implements core's `LlmProvider` port.
 */

export interface CatalogueProviderOptions {
  /** Folder of catalogue *.json files; the shipped data/catalogue/ by default. */
  dataDir?: URL | string | undefined;
  /** Pause between streamed pieces, so streaming behaves like a model's. Default 15 ms; 0 in tests. */
  streamDelayMs?: number | undefined;
}

/** Bump when the data or the matching changes: it is part of every cache key. */
export const CATALOGUE_MODEL = "catalogue-v1";
const DEFAULT_STREAM_DELAY_MS = 15;

export function createCatalogueProvider(options: CatalogueProviderOptions = {}): CatalogueProvider {
  let loading: Promise<IndexedCatalogue> | undefined;
  // Loaded once, on first use, and kept: the data never changes while the process runs.
  const catalogue = () => (loading ??= loadCatalogue(options.dataDir).then(indexCatalogue));
  const delayMs = options.streamDelayMs ?? DEFAULT_STREAM_DELAY_MS;

  return {
    source: "catalogue",
    model: CATALOGUE_MODEL,

    async generateRecipe(input: GenerateRecipeInput, call?: LlmCallOptions) {
      checkAborted(call?.signal);
      return chooseRecipe(await catalogue(), input);
    },

    async *streamRecipe(input: GenerateRecipeInput, call?: LlmCallOptions) {
      checkAborted(call?.signal);
      const answer = chooseRecipe(await catalogue(), input);
      yield* streamRecipeAnswer(answer, { delayMs, signal: call?.signal });
    },

    async suggest(input: FromIngredientsInput, call?: LlmCallOptions) {
      checkAborted(call?.signal);
      return { suggestions: suggestRecipes(await catalogue(), input) };
    },

    async *chat(history: readonly ChatTurn[], call?: LlmCallOptions) {
      checkAborted(call?.signal);
      const reply = answerChat(await catalogue(), history);
      yield* streamReply(reply, { delayMs, signal: call?.signal });
    },

    async ready() {
      try {
        await catalogue();
        return true;
      } catch {
        return false;
      }
    },
  };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AiError("aborted", "The request was cancelled.", { cause: signal.reason });
}
