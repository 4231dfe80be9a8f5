import { ErrorNotice } from "../../components/ErrorNotice.js";
import { RecipeView } from "../../components/RecipeView.js";
import { EmptyState } from "../../components/Status.js";
import { GenerateForm } from "./GenerateForm.js";
import { SaveRecipe } from "./SaveRecipe.js";
import { useRecipeStream, type GenerateResult, type RecipeStreamState } from "./useRecipeStream.js";

/** A recipe from a dish name, shown as it streams in (title, then ingredients, then steps). */
export function GenerateScreen() {
  const { state, start, stop } = useRecipeStream();
  const streaming = state.phase === "streaming";

  return (
    <div className="screen">
      <h1 className="screen-title">Generate a recipe</h1>
      <GenerateForm busy={streaming} onSubmit={start} onStop={stop} />
      <StreamStatus state={state} />
      {state.phase === "idle" && (
        <EmptyState title="What would you like to cook?">
          <p>Type a dish and press Generate. The recipe appears as it is written.</p>
        </EmptyState>
      )}
      {state.phase === "error" && <ErrorNotice error={state.error} />}
      {"recipe" in state && state.recipe && (state.phase === "streaming" || state.recipe.title) && (
        <div className="card">
          {state.phase === "done" && <ResultInfo result={state.result} />}
          <RecipeView recipe={state.recipe} streaming={streaming} />
          {state.phase === "done" && <SaveRecipe key={state.run} recipe={state.result.recipe} />}
        </div>
      )}
    </div>
  );
}

/** Always in the page so screen readers hear each phase; `data-state` is what the browser test watches. */
function StreamStatus({ state }: { state: RecipeStreamState }) {
  const text: Record<RecipeStreamState["phase"], string> = {
    idle: "",
    streaming: "Writing the recipe…",
    done: "Recipe ready.",
    stopped: "Stopped. This is as far as it got.",
    error: "The recipe could not be written.",
  };
  return (
    <p className="status stream-status" role="status" data-state={state.phase} data-testid="stream-status">
      {state.phase === "streaming" && <span className="spinner" aria-hidden="true" />}
      {text[state.phase]}
    </p>
  );
}

function ResultInfo({ result }: { result: GenerateResult }) {
  return (
    <div className="result-info">
      <p className="badges">
        <span className="badge" data-testid="source">
          {result.source === "catalogue" ? "From the offline catalogue" : "Written by Gemini"}
        </span>
        {result.cached && <span className="badge">Cached</span>}
      </p>
      {result.warnings.length > 0 && (
        <div className="notice notice-warning" role="note">
          <p className="notice-title">Please check</p>
          <ul>
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
