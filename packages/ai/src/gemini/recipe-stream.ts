import type { Recipe } from "@sous/schemas";
import type { CallScope } from "../shared/call-scope.js";
import { partialRecipes, type RecipeStreamStep } from "../shared/recipe-stream-step.js";
import { type GeminiClient, userContent } from "./client.js";
import { classify } from "./failures.js";
import { type Ending, judge, textOf, usageOf } from "./finish.js";
import { check } from "../shared/structured-check.js";
import { repair, request, type StructuredTask } from "./structured.js";
import type { LlmUsage } from "@sous/core";

/**
 * Streams a structured recipe: the growing JSON text is parsed leniently after every chunk and each new shape
 * is yielded as a partial recipe. When the stream ends, the whole text gets the same checks as a unary call
 * (finish reason, block reason, JSON, zod) and, if it fails them, the same single repair call (unary).
 */
export async function* streamRecipe(
  client: GeminiClient,
  scope: CallScope,
  task: StructuredTask<Recipe>,
): AsyncGenerator<RecipeStreamStep> {
  const stream = await client.openStream(scope, request(task, [userContent(task.userPrompt)]));
  const partials = partialRecipes();
  const ending: Ending = {};
  let usage: LlmUsage = usageOf(undefined);
  try {
    for await (const chunk of stream) {
      ending.blockReason ??= chunk.promptFeedback?.blockReason;
      ending.finishReason = chunk.candidates?.[0]?.finishReason ?? ending.finishReason;
      // Each chunk's usageMetadata is the running total of the request, so the last one counts.
      if (chunk.usageMetadata) usage = usageOf(chunk.usageMetadata);
      const piece = textOf(chunk);
      if (!piece) continue;
      const partial = partials.add(piece);
      if (partial) yield { type: "partial", recipe: partial };
    }
  } catch (error) {
    throw classify(error, scope).failure;
  }
  const checked = check(partials.text, judge(ending), task.schema, task.prepare);
  if (checked.ok) {
    yield { type: "final", recipe: checked.value, usage };
    return;
  }
  const repaired = await repair(client, scope, task, checked, usage);
  yield { type: "final", recipe: repaired.value, usage: repaired.usage };
}
