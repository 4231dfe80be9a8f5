/** Food vocabulary (no zod): a subpath of its own so the web app's bundle does not carry it. */
export * from "./text.js";
export * from "./synonyms.js";
export * from "./diet-check.js";
export * from "./exclusion.synonyms.js";
export { TABLES, ALLERGEN_TABLES, DIET_TABLES, type TableName, type KeywordTable } from "./diet.keywords.js";
