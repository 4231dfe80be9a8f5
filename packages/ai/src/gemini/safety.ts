import { HarmBlockThreshold, HarmCategory, type SafetySetting } from "@google/genai";

/**
 * Sent with every Gemini call, so the filters do not depend on a model's defaults (newer models ship with
 * them off). Dangerous content (weapons, drugs, poisons dressed up as cooking) is blocked from medium
 * probability up; the other adjustable categories at Google's documented baseline, also medium and above.
 * A block surfaces as a SAFETY finish or block reason, which finish.ts maps to a refusal.
 */
export const SAFETY_SETTINGS: SafetySetting[] = [
  { category: HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, threshold: HarmBlockThreshold.BLOCK_MEDIUM_AND_ABOVE },
  { category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_MEDIUM_AND_ABOVE },
  { category: HarmCategory.HARM_CATEGORY_HATE_SPEECH, threshold: HarmBlockThreshold.BLOCK_MEDIUM_AND_ABOVE },
  { category: HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT, threshold: HarmBlockThreshold.BLOCK_MEDIUM_AND_ABOVE },
];
