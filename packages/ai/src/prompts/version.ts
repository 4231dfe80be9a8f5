/**
 * Bumped whenever a system instruction, a prompt template or a response schema changes, so cached answers
 * produced by the old prompts stop matching (core puts it in every cache key).
 */
export const PROMPT_VERSION = "gemini-2026-02";
