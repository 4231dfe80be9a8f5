/** Food vocabulary (no zod): a subpath of its own so the web app's bundle does not carry it. */
export * from "./text.js";
export * from "./synonyms.js";
