import type { QuotaSubject } from "./quota.js";

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
