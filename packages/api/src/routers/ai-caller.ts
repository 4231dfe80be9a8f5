import type { AiCaller } from "@sous/core";
import type { AppContext } from "../context.js";

/** The AI services' view of the caller: the signed-in user, else the client address (quota and usage key). */
export function aiCaller(ctx: Pick<AppContext, "principal" | "ip" | "requestId">): AiCaller {
  return { userId: ctx.principal?.userId ?? null, ip: ctx.ip, requestId: ctx.requestId };
}
