export * from "./users.repository.js";
export * from "./sessions.repository.js";
export * from "./api-tokens.repository.js";
export * from "./usage.repository.js";
export * from "./conversations.repository.js";
export * from "./saved.repository.js";
