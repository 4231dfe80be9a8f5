import { trpc } from "../../api/trpc.js";
import { useShowList } from "../shopping/useShowList.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";

/** Puts the recipe's ingredients, at the servings shown, on the shopping list. */
export function AddToShopping({ savedId, servings }: { savedId: string; servings: number }) {
  const showList = useShowList();
  const add = trpc.shopping.addRecipe.useMutation({
    onSuccess: showList,
  });
  return (
    <div className="add-to-shopping">
      <button type="button" className="button" disabled={add.isPending} onClick={() => add.mutate({ savedId, servings })}>
        {add.isPending ? "Adding…" : "Add to shopping list"}
      </button>
      {add.isSuccess && (
        <p role="status">
          Added. <a href="#/shopping">Open the shopping list</a>
        </p>
      )}
      {add.error && <ErrorNotice error={add.error} />}
    </div>
  );
}
