export * from "./database.js";
export * from "./google.js";
export * from "./gemini/index.js";
export * from "./recipes.js";
export * from "./recipe-pages.js";
export * from "./openai/index.js";
export * from "./zod-leaves.js";
