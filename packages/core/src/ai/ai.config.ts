/** Settings of the AI slice (recipes, chat, cache, quota); the composition root fills them from env. */
export interface AiConfig {
  /** How long a generated answer is served from the cache. Default 7 days. */
  cacheTtlSeconds?: number | undefined;
  /** AI calls per UTC day: signed-in users 50, anonymous callers (per address) 10 by default. */
  perDaySignedIn?: number | undefined;
  perDayAnonymous?: number | undefined;
  /** AI calls one caller may have in flight at once. Default 4. */
  concurrencyPerSubject?: number | undefined;
  /** How often recorded AI usage is written to the database. Default 1000 ms. */
  usageFlushIntervalMs?: number | undefined;
  chat?: ChatLimits | undefined;
}

export interface ChatLimits {
  /** Messages (user and assistant) sent upstream per turn, the new one included. Default 20. */
  maxTurns?: number | undefined;
  /** Characters of history sent upstream per turn, the new message included. Default 12 000. */
  maxChars?: number | undefined;
  /** Inactivity after which an anonymous conversation is gone. Default 24 h. */
  anonymousTtlSeconds?: number | undefined;
}

export type ResolvedAiConfig = Required<Omit<AiConfig, "chat">> & { chat: Required<ChatLimits> };

export function resolveAiConfig(config: AiConfig = {}): ResolvedAiConfig {
  return {
    cacheTtlSeconds: config.cacheTtlSeconds ?? 7 * 86_400,
    perDaySignedIn: config.perDaySignedIn ?? 50,
    perDayAnonymous: config.perDayAnonymous ?? 10,
    concurrencyPerSubject: config.concurrencyPerSubject ?? 4,
    usageFlushIntervalMs: config.usageFlushIntervalMs ?? 1000,
    chat: {
      maxTurns: config.chat?.maxTurns ?? 20,
      maxChars: config.chat?.maxChars ?? 12_000,
      anonymousTtlSeconds: config.chat?.anonymousTtlSeconds ?? 86_400,
    },
  };
}
