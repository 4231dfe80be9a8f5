import type { FromIngredientsInput, GenerateRecipeInput } from "@sous/schemas";
import { RefusedError, ValidationError } from "../errors.js";
import { usageSubject, type AiCaller } from "./caller.js";
import type { GuardKind, PromptGuard } from "./prompt-guard.js";

/**
 * Runs every user string of a request through the prompt guard before anything goes upstream, and returns
 * the request with the guard's cleaned text. Too long is a bad request; injection or off-topic is a refusal.
 */
export function guardText(guard: PromptGuard, text: string, kind: GuardKind, caller: AiCaller): string {
  const result = guard.check(text, kind, { requestId: caller.requestId, subject: usageSubject(caller) });
  if (result.ok) return result.text;
  if (result.reason === "too_long") throw new ValidationError(result.message);
  throw new RefusedError(result.message);
}

export function guardRecipeInput(guard: PromptGuard, input: GenerateRecipeInput, caller: AiCaller): GenerateRecipeInput {
  return {
    ...input,
    dish: guardText(guard, input.dish, "dish", caller),
    ...(input.cuisine === undefined ? {} : { cuisine: guardText(guard, input.cuisine, "cuisine", caller) }),
    ...(input.exclude === undefined ? {} : { exclude: guardList(guard, input.exclude, caller) }),
  };
}

export function guardIngredientsInput(
  guard: PromptGuard,
  input: FromIngredientsInput,
  caller: AiCaller,
): FromIngredientsInput {
  return {
    ...input,
    ingredients: guardList(guard, input.ingredients, caller),
    ...(input.exclude === undefined ? {} : { exclude: guardList(guard, input.exclude, caller) }),
  };
}

function guardList(guard: PromptGuard, items: string[], caller: AiCaller): string[] {
  return items.map((item) => guardText(guard, item, "ingredient", caller));
}
