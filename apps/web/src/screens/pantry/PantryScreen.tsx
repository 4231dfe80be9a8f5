import { LIMITS, type Diet } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { trpc, type RouterInputs } from "../../api/trpc.js";
import { ChipsInput } from "../../components/ChipsInput.js";
import { DietPicker } from "../../components/DietPicker.js";
import { NumberField } from "../../components/NumberField.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { SuggestionCard } from "./SuggestionCard.js";

type FromIngredientsInput = RouterInputs["recipe"]["fromIngredients"];

/** "What can I make": recipes that use what is in the pantry, best match first. */
export function PantryScreen() {
  const id = useId();
  const utils = trpc.useUtils();
  const [ingredients, setIngredients] = useState<string[]>([]);
  const [diets, setDiets] = useState<Diet[]>([]);
  const [maxMinutes, setMaxMinutes] = useState("");
  const suggest = trpc.recipe.fromIngredients.useMutation({
    onSettled: () => utils.recipe.quota.invalidate(),
  });

  const input = (): FromIngredientsInput => ({
    ingredients,
    ...(diets.length > 0 ? { diets } : {}),
    ...(maxMinutes ? { maxMinutes: Number(maxMinutes) } : {}),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ingredients.length > 0) suggest.mutate(input());
  };

  return (
    <div className="screen">
      <h1 className="screen-title">What can I make?</h1>
      <form className="card form" onSubmit={submit} aria-label="Find recipes from your pantry">
        <ChipsInput
          label="In your pantry"
          values={ingredients}
          onChange={setIngredients}
          placeholder="e.g. eggs, then Enter"
          hint="Add each ingredient with Enter or a comma."
          maxItems={LIMITS.ingredients}
          maxLength={LIMITS.ingredientName}
        />
        <details className="options">
          <summary>Options</summary>
          <NumberField
            id={`${id}-minutes`}
            label="Ready within (minutes)"
            min={5}
            max={4320}
            step={5}
            value={maxMinutes}
            onChange={setMaxMinutes}
          />
          <DietPicker value={diets} onChange={setDiets} />
        </details>
        <button type="submit" className="button button-primary" disabled={ingredients.length === 0 || suggest.isPending}>
          Find recipes
        </button>
      </form>

      {suggest.isPending && <Loading>Looking through recipes…</Loading>}
      {suggest.error && <ErrorNotice error={suggest.error} onRetry={() => suggest.mutate(input())} />}
      {suggest.isIdle && (
        <EmptyState title="Tell Sous what you have">
          <p>Add a few ingredients and Sous suggests dishes that use them, with what you would still need.</p>
        </EmptyState>
      )}
      {suggest.data &&
        (suggest.data.suggestions.length === 0 ? (
          <EmptyState title="No match this time">
            <p>Try fewer restrictions or add a staple or two (onion, rice, pasta, eggs).</p>
          </EmptyState>
        ) : (
          <section aria-label="Suggestions">
            <ul className="suggestions">
              {suggest.data.suggestions.map((suggestion, index) => (
                <li key={`${suggestion.title}-${index}`}>
                  <SuggestionCard suggestion={suggestion} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
