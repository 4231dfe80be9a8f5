export * from "./fake-gemini.js";
export type { FakeGeminiReply } from "./replies.js";
