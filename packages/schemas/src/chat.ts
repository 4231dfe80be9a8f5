import { z } from "zod";
import { RecipeSource } from "./enums.js";
import { text } from "./text.js";
import { LIMITS } from "./limits.js";

export const ChatSendInput = z
  .object({
    message: text().trim().min(1).max(LIMITS.chatMessage),
    conversationId: z.uuid().optional(),
    /** Signed-in callers: ground the answer in their saved recipes (ignored for anonymous callers). */
    useSaved: z.boolean().default(true),
  })
  .strict();
export type ChatSendInput = z.infer<typeof ChatSendInput>;

/** A saved recipe of the caller's that a grounded answer drew on. */
export const ChatSource = z.object({ savedId: z.uuid(), title: z.string() });
export type ChatSource = z.infer<typeof ChatSource>;

export const ChatReply = z.object({
  reply: z.string(),
  conversationId: z.uuid(),
  source: RecipeSource,
  refused: z.boolean(),
  /** Present when the answer was grounded in the caller's saved recipes (possibly empty). */
  sources: z.array(ChatSource).optional(),
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
    cursor: text().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ConversationsListInput = z.infer<typeof ConversationsListInput>;

/** A conversation as its owner lists it (messages left out). */
export const ConversationSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const Conversation = ConversationSummary.extend({ messages: z.array(ChatMessage) });
export type Conversation = z.infer<typeof Conversation>;

export const ConversationPage = z.object({
  items: z.array(ConversationSummary),
  nextCursor: z.string().nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;

/** Events of `chat.stream`: pieces of the reply as they arrive, then the stored turn. */
export type ChatStreamEvent =
  | { type: "token"; text: string }
  | {
      type: "done";
      reply: string;
      conversationId: string;
      source: ChatReply["source"];
      refused: boolean;
      sources?: ChatSource[] | undefined;
    };
