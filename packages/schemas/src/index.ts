export * from "./enums.js";
export * from "./limits.js";
export * from "./recipe.js";
export * from "./auth.js";
export * from "./generate.js";
export * from "./chat.js";
export * from "./saved.js";
export * from "./text.js";
