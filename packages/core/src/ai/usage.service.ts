import type { UsageRepository } from "@sous/db";
import type { LlmUsage } from "../ports/llm.js";
import { utcDay } from "./utc-day.js";

/** Records AI usage per subject per UTC day: one call, plus the tokens the provider reported (if any). */
export interface UsageService {
  record(subject: string, usage?: LlmUsage): Promise<void>;
}

export function createUsageService(repo: UsageRepository, clock: () => Date = () => new Date()): UsageService {
  return {
    record(subject, usage) {
      return repo.record(subject, utcDay(clock()), {
        calls: 1,
        inputTokens: usage?.inputTokens ?? 0,
        outputTokens: usage?.outputTokens ?? 0,
      });
    },
  };
}
