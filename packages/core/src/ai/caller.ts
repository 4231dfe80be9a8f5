import type { CoreLogger } from "../logger.js";
import type { LlmUsage } from "../ports/llm.js";
import type { QuotaSubject } from "./quota.js";
import type { UsageService } from "./usage.service.js";

/**
 * Who is asking an AI service: the signed-in user, else the client address. Built by the api from the
 * request context; services never see the request itself.
 */
export interface AiCaller {
  userId: string | null;
  ip: string;
  /** For security-event logs (guard refusals). */
  requestId?: string | undefined;
}

export function quotaSubject(caller: AiCaller): QuotaSubject {
  return caller.userId ? { userId: caller.userId } : { ip: caller.ip };
}

/** The ai_usage subject: the user id, or "ip:<address>" for anonymous callers. */
export function usageSubject(caller: AiCaller): string {
  return caller.userId ?? `ip:${caller.ip}`;
}

/** Records one AI call of `caller`; usage is bookkeeping, so a failed write is logged, never thrown. */
export async function recordUsage(
  usage: UsageService,
  logger: CoreLogger,
  caller: AiCaller,
  spent: LlmUsage | undefined,
): Promise<void> {
  try {
    await usage.record(usageSubject(caller), spent);
  } catch (error) {
    logger.warn({ err: error }, "recording AI usage failed");
  }
}
