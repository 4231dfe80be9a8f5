import { ChatReply, ChatSendInput } from "@sous/schemas";
import { publicProcedure } from "../../procedures.js";
import { mappedStream } from "../../streams.js";
import { router } from "../../trpc.js";
import { aiCaller } from "../ai-caller.js";
import { conversationsRouter } from "./conversations.js";

/** The cooking chat. History is kept on the server; the client sends only its new message. */
export const chatRouter = router({
  send: publicProcedure
    .meta({ openapi: { method: "POST", path: "/chat", tags: ["chat"], protect: false, summary: "One turn of the cooking chat" } })
    .input(ChatSendInput)
    .output(ChatReply)
    .mutation(({ ctx, input }) => ctx.services.chat.send(input, aiCaller(ctx), ctx.signal)),

  /** `{ type: "token", text }`… then `{ type: "done", reply, conversationId, source, refused }`. */
  stream: publicProcedure
    .input(ChatSendInput)
    .subscription(({ ctx, input }) =>
      mappedStream(ctx, (signal) => ctx.services.chat.stream(input, aiCaller(ctx), signal)),
    ),

  conversations: conversationsRouter,
});
