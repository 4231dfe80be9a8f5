import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../../api/trpc.js";
import { navigate, routeHref } from "../../app/navigation.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { RecipeView } from "../../components/RecipeView.js";
import { formatDate } from "../../components/format.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { toProblem } from "../../api/errors.js";
import { AddToShopping } from "./AddToShopping.js";
import { DeleteRecipe } from "./DeleteRecipe.js";
import { NotesEditor } from "./NotesEditor.js";
import { RatingInput } from "./RatingInput.js";
import { ServingsControl } from "./ServingsControl.js";
import { ShareRecipe } from "./ShareRecipe.js";
import { TagsEditor } from "./TagsEditor.js";

/** One saved recipe: scaled to the servings asked for, with its rating, tags and notes editable. */
export function SavedDetail({ id }: { id: string }) {
  const utils = trpc.useUtils();
  const [servings, setServings] = useState<number | undefined>(undefined);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const recipe = trpc.saved.byId.useQuery(servings === undefined ? { id } : { id, servings }, {
    placeholderData: keepPreviousData,
  });
  const update = trpc.saved.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.saved.byId.invalidate({ id }), utils.saved.list.invalidate()]);
    },
  });

  // Opening a recipe replaces the list: focus its title so keyboard and screen reader users land on it.
  const loaded = recipe.isSuccess;
  useEffect(() => {
    if (loaded) titleRef.current?.focus();
  }, [loaded]);

  const back = (
    <p>
      <a href={routeHref({ screen: "saved" })}>← All saved recipes</a>
    </p>
  );
  if (recipe.isPending) return <Loading>Loading the recipe…</Loading>;
  if (recipe.error) {
    const missing = toProblem(recipe.error).code === "NOT_FOUND";
    return (
      <div className="screen">
        {back}
        {missing ? (
          <EmptyState title="This recipe is not here">
            <p>It may have been deleted.</p>
          </EmptyState>
        ) : (
          <ErrorNotice error={recipe.error} onRetry={() => void recipe.refetch()} />
        )}
      </div>
    );
  }

  const saved = recipe.data;
  const toolbar = (
    <div className="detail-tools">
      <ServingsControl value={saved.recipe.servings} busy={recipe.isFetching} onChange={setServings} />
      <RatingInput value={saved.rating} disabled={update.isPending} onChange={(rating) => update.mutate({ id, rating })} />
      <TagsEditor
        key={saved.tags.join(",")}
        tags={saved.tags}
        busy={update.isPending}
        onSave={(tags) => update.mutate({ id, tags })}
      />
      {update.error && <ErrorNotice error={update.error} />}
    </div>
  );
  return (
    <div className="screen">
      {back}
      <div className="card">
        <RecipeView recipe={saved.recipe} titleLevel={1} toolbar={toolbar} titleRef={titleRef} />
        <NotesEditor
          key={saved.notes}
          notes={saved.notes}
          busy={update.isPending}
          onSave={(notes) => update.mutate({ id, notes })}
        />
        <div className="detail-actions">
          <AddToShopping savedId={id} servings={saved.recipe.servings} />
          <ShareRecipe id={id} />
        </div>
        <footer className="detail-footer">
          <p className="muted small">
            Saved {formatDate(saved.createdAt)}
            {saved.updatedAt.getTime() !== saved.createdAt.getTime() && ` · changed ${formatDate(saved.updatedAt)}`}
          </p>
          <DeleteRecipe id={id} title={saved.title} onDeleted={() => navigate({ screen: "saved" })} />
        </footer>
      </div>
    </div>
  );
}
