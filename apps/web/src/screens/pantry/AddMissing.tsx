import { trpc } from "../../api/trpc.js";
import { useShowList } from "../shopping/useShowList.js";
import { useSession } from "../../auth/session.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";

/** What a suggestion still needs, onto the shopping list in one call (signed-in cooks only). */
export function AddMissing({ missing }: { missing: string[] }) {
  const { status } = useSession();
  const showList = useShowList();
  const add = trpc.shopping.addItems.useMutation({
    onSuccess: showList,
  });
  if (status !== "signedIn" || missing.length === 0) return null;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={add.isPending || add.isSuccess}
        onClick={() => add.mutate({ items: missing.map((name) => ({ name })) })}
      >
        {add.isSuccess ? "Added to the shopping list" : "Add what's missing to the shopping list"}
      </button>
      {add.error && <ErrorNotice error={add.error} />}
    </>
  );
}
