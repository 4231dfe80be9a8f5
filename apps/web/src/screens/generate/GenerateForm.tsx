import { LIMITS, type Diet } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { ChipsInput } from "../../components/ChipsInput.js";
import { DietPicker } from "../../components/DietPicker.js";
import { NumberField } from "../../components/NumberField.js";
import type { GenerateInput } from "./useRecipeStream.js";

interface GenerateFormProps {
  busy: boolean;
  onSubmit(input: GenerateInput): void;
  onStop(): void;
}

/** The dish and its options; empty options are left out so the server applies its defaults. */
export function GenerateForm({ busy, onSubmit, onStop }: GenerateFormProps) {
  const id = useId();
  const [dish, setDish] = useState("");
  const [servings, setServings] = useState("");
  const [cuisine, setCuisine] = useState("");
  const [maxMinutes, setMaxMinutes] = useState("");
  const [diets, setDiets] = useState<Diet[]>([]);
  const [exclude, setExclude] = useState<string[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: GenerateInput = { dish: dish.trim() };
    if (servings) input.servings = Number(servings);
    if (cuisine.trim()) input.cuisine = cuisine.trim();
    if (maxMinutes) input.maxMinutes = Number(maxMinutes);
    if (diets.length > 0) input.diets = diets;
    if (exclude.length > 0) input.exclude = exclude;
    onSubmit(input);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Generate a recipe">
      <div className="field field-wide">
        <label htmlFor={`${id}-dish`}>Dish</label>
        <div className="inline">
          <input
            id={`${id}-dish`}
            name="dish"
            type="text"
            required
            maxLength={LIMITS.dish}
            placeholder="e.g. shakshuka, lemon risotto, pad thai"
            value={dish}
            onChange={(event) => setDish(event.target.value)}
          />
          {busy ? (
            <button type="button" className="button" onClick={onStop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={dish.trim() === ""}>
              Generate
            </button>
          )}
        </div>
      </div>

      <details className="options">
        <summary>Options</summary>
        <div className="grid">
          <NumberField id={`${id}-servings`} label="Servings" min={1} max={48} value={servings} onChange={setServings} />
          <NumberField
            id={`${id}-minutes`}
            label="Ready within (minutes)"
            min={5}
            max={4320}
            step={5}
            value={maxMinutes}
            onChange={setMaxMinutes}
          />
          <div className="field">
            <label htmlFor={`${id}-cuisine`}>Cuisine</label>
            <input
              id={`${id}-cuisine`}
              type="text"
              maxLength={40}
              placeholder="e.g. Italian"
              value={cuisine}
              onChange={(event) => setCuisine(event.target.value)}
            />
          </div>
        </div>
        <DietPicker value={diets} onChange={setDiets} />
        <ChipsInput
          label="Leave out"
          values={exclude}
          onChange={setExclude}
          placeholder="an ingredient or allergen, then Enter"
          hint="Ingredients or allergens (peanuts, milk, gluten…) the recipe must not contain."
          maxItems={LIMITS.exclude}
          maxLength={LIMITS.ingredientName}
        />
      </details>
    </form>
  );
}
