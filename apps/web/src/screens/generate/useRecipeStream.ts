import { useCallback, useEffect, useRef, useState } from "react";
import { runStream } from "../../api/stream.js";
import { trpc, type RouterInputs, type RouterOutputs, type StreamEvent } from "../../api/trpc.js";
import type { PartialRecipe } from "../../components/RecipeView.js";

export type GenerateInput = RouterInputs["recipe"]["generateStream"];
type GenerateEvent = StreamEvent<RouterOutputs["recipe"]["generateStream"]>;
export type GenerateResult = Extract<GenerateEvent, { type: "done" }>["result"];

export type RecipeStreamState =
  | { phase: "idle" }
  | { phase: "streaming"; recipe: PartialRecipe; updates: number }
  | { phase: "done"; recipe: PartialRecipe; result: GenerateResult; run: number }
  | { phase: "stopped"; recipe: PartialRecipe }
  | { phase: "error"; recipe: PartialRecipe | null; error: unknown };

/** `recipe.generateStream` as screen state: partial recipes while it streams, then the done result. */
export function useRecipeStream() {
  const utils = trpc.useUtils();
  const [state, setState] = useState<RecipeStreamState>({ phase: "idle" });
  const stopRef = useRef<(() => void) | null>(null);
  const runs = useRef(0);

  useEffect(() => () => stopRef.current?.(), []);

  const start = useCallback(
    (input: GenerateInput) => {
      stopRef.current?.();
      const run = ++runs.current;
      setState({ phase: "streaming", recipe: {}, updates: 0 });
      stopRef.current = runStream<GenerateEvent>(
        (observer) => utils.client.recipe.generateStream.subscribe(input, observer),
        (event) => event.type === "done",
        {
          onData(event) {
            if (event.type === "done") {
              setState({ phase: "done", recipe: event.result.recipe, result: event.result, run });
            } else {
              setState((previous) => ({
                phase: "streaming",
                recipe: event.recipe,
                updates: previous.phase === "streaming" ? previous.updates + 1 : 1,
              }));
            }
          },
          onRestart: () => setState({ phase: "streaming", recipe: {}, updates: 0 }),
          onError(error) {
            setState((previous) => ({ phase: "error", error, recipe: "recipe" in previous ? previous.recipe : null }));
          },
          onSettled: () => void utils.recipe.quota.invalidate(),
        },
      );
    },
    [utils],
  );

  const stop = useCallback(() => {
    stopRef.current?.();
    setState((previous) => (previous.phase === "streaming" ? { phase: "stopped", recipe: previous.recipe } : previous));
    // Fire and forget: the quota query shows its own refetch and its own error.
    void utils.recipe.quota.invalidate();
  }, [utils]);

  return { state, start, stop };
}
