export * from "./database.js";
export * from "./google.js";
export * from "./gemini/index.js";
