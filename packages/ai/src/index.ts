export * from "./errors.js";
export { toGeminiSchema, UnsupportedSchemaError } from "./schema/gemini-schema.js";
export { MAX_SUGGESTIONS, recipeResponseSchema, SuggestionsAnswer, suggestionsResponseSchema } from "./schema/answers.js";
export { PROMPT_VERSION } from "./prompts/version.js";
export { createGeminiProvider, type GeminiProvider } from "./gemini/gemini.provider.js";
export type { AiLogger, GeminiProviderConfig } from "./gemini/config.js";
export { CATALOGUE_MODEL, createCatalogueProvider, type CatalogueProviderOptions } from "./catalogue/provider.js";
export { DEFAULT_DATA_DIR, loadCatalogue, type CatalogueEntry } from "./catalogue/catalogue.js";
export type { CatalogueProvider } from "./catalogue/types.js";
