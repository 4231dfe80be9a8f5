import { type ThinkingConfig, ThinkingLevel } from "@google/genai";

/**
 * The cheapest thinking a model allows, or the budget configured (GEMINI_THINKING_BUDGET), kept inside the
 * model's range. Thinking tokens are billed as output, and a recipe or a chat answer gains little from them:
 * - Gemini 2.5 Flash and Flash-Lite may turn thinking off (budget 0); Flash-Lite's smallest budget when on is 512;
 * - Gemini 2.5 Pro cannot turn it off: its smallest budget is 128;
 * - Gemini 3 models are steered by a thinking level, not a budget, unless a budget is given: the lowest level.
 * Any other model name (a Gemini-compatible server, a test model) is treated like 2.5 Flash.
 *
 * `extraOutputTokens` is how far the output cap must grow so that thinking cannot starve the answer: 2.5 models
 * count thoughts inside maxOutputTokens.
 */
export interface Thinking {
  config: ThinkingConfig;
  extraOutputTokens: number;
}

/** Output tokens reserved for a level-steered model's thoughts (it has no budget to add). */
const LEVEL_RESERVE = 1024;

interface ModelRange {
  min: number;
  max: number;
  /** Whether 0 (off) is allowed below `min`. */
  canDisable: boolean;
}

function rangeOf(model: string): ModelRange {
  if (/gemini-2\.5-pro/.test(model)) return { min: 128, max: 32_768, canDisable: false };
  if (/gemini-2\.5-flash-lite/.test(model)) return { min: 512, max: 24_576, canDisable: true };
  return { min: 1, max: 24_576, canDisable: true };
}

export function thinkingFor(model: string, budget: number | undefined): Thinking {
  if (/gemini-3/.test(model) && budget === undefined) {
    const level = /flash/.test(model) ? ThinkingLevel.MINIMAL : ThinkingLevel.LOW;
    return { config: { thinkingLevel: level }, extraOutputTokens: LEVEL_RESERVE };
  }
  const range = rangeOf(model);
  const wanted = Math.max(0, Math.round(budget ?? 0));
  const thinkingBudget =
    wanted === 0 && range.canDisable ? 0 : Math.min(range.max, Math.max(range.min, wanted));
  return { config: { thinkingBudget }, extraOutputTokens: thinkingBudget };
}
