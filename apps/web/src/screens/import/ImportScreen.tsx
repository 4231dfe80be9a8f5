import { IMPORT_TEXT_MAX } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { trpc } from "../../api/trpc.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { RecipeView } from "../../components/RecipeView.js";
import { SignedInOnly } from "../../components/SignedInOnly.js";
import { Loading } from "../../components/Status.js";
import { SaveRecipe } from "../generate/SaveRecipe.js";

type Mode = "url" | "text";

/** Import a recipe from a web page or pasted text: a preview first, then save it like a generated one. */
export function ImportScreen() {
  return (
    <SignedInOnly title="Import a recipe" why="Imported recipes are saved to your account.">
      <ImportForm />
    </SignedInOnly>
  );
}

function ImportForm() {
  const id = useId();
  const [mode, setMode] = useState<Mode>("url");
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const run = trpc.recipe.import.useMutation();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate(mode === "url" ? { url: url.trim() } : { text });
  };
  const ready = mode === "url" ? url.trim().length > 0 : text.trim().length > 0;

  return (
    <div className="screen">
      <h1 className="screen-title">Import a recipe</h1>
      <form className="card form" onSubmit={submit} aria-label="Import a recipe">
        <fieldset className="field">
          <legend>Read from</legend>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === "url"} onChange={() => setMode("url")} /> A web
            page
          </label>{" "}
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === "text"} onChange={() => setMode("text")} />{" "}
            Pasted text
          </label>
        </fieldset>
        {mode === "url" ? (
          <div className="field">
            <label htmlFor={`${id}-url`}>Page address</label>
            <input
              id={`${id}-url`}
              type="url"
              inputMode="url"
              placeholder="https://example.com/my-favourite-curry"
              value={url}
              maxLength={2000}
              onChange={(event) => setUrl(event.target.value)}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-text`}>Recipe text</label>
            <textarea
              id={`${id}-text`}
              rows={10}
              maxLength={IMPORT_TEXT_MAX}
              placeholder={"Title\n\nIngredients\n200 g flour\n…\n\nMethod\n1. …"}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={!ready || run.isPending}>
          {run.isPending ? "Reading…" : "Import"}
        </button>
      </form>
      {run.isPending && <Loading>Reading the recipe…</Loading>}
      {run.error && <ErrorNotice error={run.error} />}
      {run.data && (
        <div className="card" data-testid="import-preview">
          <p className="muted small">
            Read from {run.data.source === "ai" ? "the page's text by the model" : `the page's ${run.data.source} data`}
            {run.data.sourceUrl && (
              <>
                {" · "}
                <a href={run.data.sourceUrl} rel="noreferrer noopener" target="_blank">
                  source
                </a>
              </>
            )}
          </p>
          {run.data.warnings.length > 0 && (
            <div className="notice notice-warning">
              <p className="notice-title">Check these</p>
              <ul>
                {run.data.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          <RecipeView recipe={run.data.recipe} titleLevel={2} />
          <SaveRecipe key={JSON.stringify(run.data.recipe)} recipe={run.data.recipe} />
        </div>
      )}
    </div>
  );
}
