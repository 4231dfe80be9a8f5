import { useState } from "react";
import type { RouterOutputs } from "../../api/trpc.js";
import { RecipeView } from "../../components/RecipeView.js";
import { SaveRecipe } from "../generate/SaveRecipe.js";
import { AddMissing } from "./AddMissing.js";

type Suggestion = RouterOutputs["recipe"]["fromIngredients"]["suggestions"][number];

export function SuggestionCard({ suggestion }: { suggestion: Suggestion }) {
  const [open, setOpen] = useState(false);
  const percent = Math.round(suggestion.score * 100);
  return (
    <article className="card suggestion">
      <header className="suggestion-header">
        <h2 className="suggestion-title">{suggestion.title}</h2>
        <div className="score" title="How well it fits your pantry">
          <meter min={0} max={100} value={percent} aria-label={`Match ${percent}%`} />
          <span>{percent}% match</span>
        </div>
      </header>
      <p>{suggestion.summary}</p>
      <p className="badges">
        <span className="badges-label">Uses:</span>
        {suggestion.uses.map((item) => (
          <span key={item} className="badge badge-diet">
            {item}
          </span>
        ))}
      </p>
      {suggestion.missing.length > 0 && (
        <p className="badges">
          <span className="badges-label">You'd also need:</span>
          {suggestion.missing.map((item) => (
            <span key={item} className="badge badge-allergen">
              {item}
            </span>
          ))}
        </p>
      )}
      <AddMissing missing={suggestion.missing} />
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "Hide recipe" : "Show recipe"}
      </button>
      {open && (
        <>
          <RecipeView recipe={suggestion.recipe} />
          <SaveRecipe recipe={suggestion.recipe} />
        </>
      )}
    </article>
  );
}
