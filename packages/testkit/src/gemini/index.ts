export * from "./fake-gemini.js";
export type { FakeGeminiReply } from "./replies.js";
export { estimatePromptTokens } from "./replies.js";
