import type { Recipe } from "@sous/schemas";
import type { LlmUsage } from "@sous/core";
import { strictAnswer, withoutNulls } from "../schema/openai-schema.js";
import type { CallScope } from "../shared/call-scope.js";
import { partialRecipes, type RecipeStreamStep } from "../shared/recipe-stream-step.js";
import { check } from "../shared/structured-check.js";
import type { OpenAIClient } from "./client.js";
import { classify } from "./failures.js";
import { deltaOf, type Ending, judge, usageOf } from "./finish.js";
import { type OpenAITask, repair, structuredRequest, user } from "./structured.js";

/**
 * Streams a structured recipe: the growing JSON text is parsed leniently after every chunk and each new shape
 * is yielded as a partial recipe (strict mode's nulls left out). When the stream ends, the whole text gets the
 * same checks as a unary call and, if it fails them, the same single repair call (unary).
 */
export async function* streamRecipe(
  client: OpenAIClient,
  scope: CallScope,
  task: OpenAITask<Recipe>,
): AsyncGenerator<RecipeStreamStep> {
  const stream = await client.openStream(scope, structuredRequest(task, [user(task.userPrompt)]));
  const partials = partialRecipes(withoutNulls);
  const ending: Ending = {};
  let usage: LlmUsage = usageOf(undefined);
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      ending.finishReason = choice?.finish_reason ?? ending.finishReason;
      ending.refusal = (ending.refusal ?? "") + (choice?.delta?.refusal ?? "") || undefined;
      // With include_usage the last chunk (no choices) carries the whole request's usage.
      if (chunk.usage) usage = usageOf(chunk.usage);
      const piece = deltaOf(chunk);
      if (!piece) continue;
      const partial = partials.add(piece);
      if (partial) yield { type: "partial", recipe: partial };
    }
  } catch (error) {
    throw classify(error, scope).failure;
  }
  // The SDK's stream ends quietly, without an error, when its signal aborts: the scope says why it ended.
  scope.throwIfEnded();
  const checked = check(partials.text, judge(ending), strictAnswer(task.schema));
  if (checked.ok) {
    yield { type: "final", recipe: checked.value, usage };
    return;
  }
  const repaired = await repair(client, scope, task, checked, usage);
  yield { type: "final", recipe: repaired.value, usage: repaired.usage };
}
