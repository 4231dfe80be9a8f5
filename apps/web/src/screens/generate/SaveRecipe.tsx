import type { Recipe } from "@sous/schemas";
import { useState } from "react";
import { trpc } from "../../api/trpc.js";
import { routeHref } from "../../app/navigation.js";
import { useSession } from "../../auth/session.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { newIdempotencyKey } from "./idempotency.js";

/**
 * Saves the generated recipe. The idempotency key is made once per recipe shown, so a double click or a retry
 * after a lost answer still makes one saved row.
 */
export function SaveRecipe({ recipe }: { recipe: Recipe }) {
  const { status } = useSession();
  const utils = trpc.useUtils();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const save = trpc.saved.create.useMutation({
    onSuccess: () => utils.saved.list.invalidate(),
  });

  if (status !== "signedIn") {
    return (
      <p className="save-bar muted">
        <a href={routeHref({ screen: "signin" })}>Sign in</a> to save this recipe.
      </p>
    );
  }
  if (save.data) {
    return (
      <p className="save-bar" role="status">
        Saved. <a href={routeHref({ screen: "saved", id: save.data.id })}>Open it in your recipes</a>
      </p>
    );
  }
  return (
    <div className="save-bar">
      <button
        type="button"
        className="button button-primary"
        disabled={save.isPending}
        onClick={() => save.mutate({ recipe, idempotencyKey })}
      >
        {save.isPending ? "Saving…" : "Save recipe"}
      </button>
      {save.error && <ErrorNotice error={save.error} onRetry={() => save.mutate({ recipe, idempotencyKey })} />}
    </div>
  );
}
