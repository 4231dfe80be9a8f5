import { z } from "zod";
import { LIMITS } from "./limits.js";

export const ChatSendInput = z
  .object({
    message: z.string().trim().min(1).max(LIMITS.chatMessage),
    conversationId: z.uuid().optional(),
  })
  .strict();
export type ChatSendInput = z.infer<typeof ChatSendInput>;

export const ChatReply = z.object({
  reply: z.string(),
  conversationId: z.uuid(),
  source: z.enum(["gemini", "catalogue"]),
  refused: z.boolean(),
});
export type ChatReply = z.infer<typeof ChatReply>;

export const ChatMessage = z.object({
  id: z.uuid(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  createdAt: z.date(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ConversationsListInput = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
