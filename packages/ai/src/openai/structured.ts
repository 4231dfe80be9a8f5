import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { z } from "zod";
import { AiError } from "../errors.js";
import { addUsage } from "../gemini/finish.js";
import type { LlmUsage } from "@sous/core";
import { repairPrompt } from "../prompts/repair.prompt.js";
import { strictAnswer } from "../schema/openai-schema.js";
import type { CallScope } from "../shared/call-scope.js";
import { check } from "../shared/structured-check.js";
import type { OpenAIClient, OpenAIRequest } from "./client.js";
import { endingOf, judge, textOf, usageOf } from "./finish.js";

/**
 * Structured output, as for Gemini: ask for JSON matching the strict schema, then check the answer with the
 * zod schema it was derived from (shared/structured-check.ts). A cut-off (`length`), abnormal, unparsable or
 * invalid answer gets exactly one repair call (the original prompt, the bad answer as the assistant's turn,
 * and what was wrong); a second bad answer fails with "invalid_output". Refusals are thrown by `judge`.
 */
export interface OpenAITask<T> {
  task: "recipe" | "suggest";
  /** Names the schema in `json_schema.name` (letters, digits, _ and -). */
  name: string;
  systemInstruction: string;
  jsonSchema: Record<string, unknown>;
  schema: z.ZodType<T>;
  userPrompt: string;
  maxTokens: number;
}

export async function generateStructured<T>(
  client: OpenAIClient,
  scope: CallScope,
  task: OpenAITask<T>,
): Promise<{ value: T; usage: LlmUsage }> {
  const completion = await client.complete(scope, structuredRequest(task, [user(task.userPrompt)]));
  const usage = usageOf(completion.usage);
  const checked = check(textOf(completion), judge(endingOf(completion)), strictAnswer(task.schema));
  if (checked.ok) return { value: checked.value, usage };
  return repair(client, scope, task, checked, usage);
}

/** The one repair call; also used by the recipe stream when the streamed answer turns out invalid. */
export async function repair<T>(
  client: OpenAIClient,
  scope: CallScope,
  task: OpenAITask<T>,
  failed: { text: string; problems: string[] },
  usageSoFar: LlmUsage,
): Promise<{ value: T; usage: LlmUsage }> {
  const { logger } = client.config;
  logger.warn({ task: task.task, problems: failed.problems.slice(0, 5) }, "openai answer invalid; repairing");
  const messages: ChatCompletionMessageParam[] = [user(task.userPrompt)];
  if (failed.text.trim()) messages.push({ role: "assistant", content: failed.text.slice(0, 40_000) });
  messages.push(user(repairPrompt(failed.problems)));
  const completion = await client.complete(scope, structuredRequest(task, messages));
  const usage = addUsage(usageSoFar, usageOf(completion.usage));
  const checked = check(textOf(completion), judge(endingOf(completion)), strictAnswer(task.schema));
  if (checked.ok) return { value: checked.value, usage };
  logger.warn({ task: task.task, problems: checked.problems.slice(0, 5) }, "openai answer invalid after repair");
  throw new AiError("invalid_output", "The recipe model returned an invalid answer", { cause: checked.problems });
}

export function structuredRequest<T>(task: OpenAITask<T>, turns: ChatCompletionMessageParam[]): OpenAIRequest {
  return {
    task: task.task,
    messages: [{ role: "system", content: task.systemInstruction }, ...turns],
    maxTokens: task.maxTokens,
    json: { name: task.name, schema: task.jsonSchema },
  };
}

export function user(content: string): ChatCompletionMessageParam {
  return { role: "user", content };
}
