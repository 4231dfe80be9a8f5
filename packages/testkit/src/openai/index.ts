export * from "./fake-openai.js";
export type { FakeOpenAIReply } from "./replies.js";
