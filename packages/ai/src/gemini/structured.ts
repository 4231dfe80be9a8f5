import type { Content, Schema } from "@google/genai";
import type { z } from "zod";
import { AiError } from "../errors.js";
import { repairPrompt } from "../prompts/repair.prompt.js";
import type { CallScope } from "./call-scope.js";
import { type GeminiClient, modelContent, userContent } from "./client.js";
import { addUsage, type Completion, endingOf, judge, textOf, usageOf } from "./finish.js";
import type { LlmUsage } from "@sous/core";

/**
 * Structured output: ask for JSON matching `responseSchema`, then parse and validate it with the zod schema it
 * was derived from. An answer that is cut off (MAX_TOKENS), ends abnormally, is not JSON or fails validation
 * gets exactly one repair call (the original prompt, the bad answer, and what was wrong with it); if that
 * answer is bad too, the call fails with "invalid_output". Refusals are thrown by `judge` and never repaired.
 */
export interface StructuredTask<T> {
  task: "recipe" | "suggest";
  systemInstruction: string;
  responseSchema: Schema;
  schema: z.ZodType<T>;
  userPrompt: string;
  maxOutputTokens: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; text: string; problems: string[] };

export async function generateStructured<T>(
  client: GeminiClient,
  scope: CallScope,
  task: StructuredTask<T>,
): Promise<{ value: T; usage: LlmUsage }> {
  const contents = [userContent(task.userPrompt)];
  const response = await client.generate(scope, request(task, contents));
  const usage = usageOf(response.usageMetadata);
  const checked = check(textOf(response), judge(endingOf(response)), task.schema);
  if (checked.ok) return { value: checked.value, usage };
  return repair(client, scope, task, checked, usage);
}

/** The one repair call. Also used by the recipe stream when the streamed answer turns out invalid. */
export async function repair<T>(
  client: GeminiClient,
  scope: CallScope,
  task: StructuredTask<T>,
  failed: { text: string; problems: string[] },
  usageSoFar: LlmUsage,
): Promise<{ value: T; usage: LlmUsage }> {
  const { logger } = client.config;
  logger.warn({ task: task.task, problems: failed.problems.slice(0, 5) }, "gemini answer invalid; repairing");
  const contents: Content[] = [userContent(task.userPrompt)];
  // Gemini rejects empty parts, so an empty answer is described rather than replayed.
  if (failed.text.trim()) contents.push(modelContent(failed.text.slice(0, 40_000)));
  contents.push(userContent(repairPrompt(failed.problems)));
  const response = await client.generate(scope, request(task, contents));
  const usage = addUsage(usageSoFar, usageOf(response.usageMetadata));
  const checked = check(textOf(response), judge(endingOf(response)), task.schema);
  if (checked.ok) return { value: checked.value, usage };
  logger.warn({ task: task.task, problems: checked.problems.slice(0, 5) }, "gemini answer invalid after repair");
  throw new AiError("invalid_output", "The recipe model returned an invalid answer", { cause: checked.problems });
}

export function check<T>(text: string, completion: Completion, schema: z.ZodType<T>): Checked<T> {
  if (completion === "truncated") {
    return { ok: false, text, problems: ["The answer was cut off before it was complete (output token limit)."] };
  }
  if (completion === "failed") return { ok: false, text, problems: ["The answer ended abnormally."] };
  let json: unknown;
  try {
    json = JSON.parse(stripFence(text));
  } catch (error) {
    return { ok: false, text, problems: [`The answer is not valid JSON (${(error as Error).message}).`] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return { ok: false, text, problems };
}

/** JSON mode never fences its answer, but a Gemini-compatible server might. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return match ? match[1]! : text;
}

export function request<T>(task: StructuredTask<T>, contents: Content[]) {
  return {
    task: task.task,
    systemInstruction: task.systemInstruction,
    contents,
    maxOutputTokens: task.maxOutputTokens,
    responseSchema: task.responseSchema,
  };
}
