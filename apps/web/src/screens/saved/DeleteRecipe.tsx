import { useRef } from "react";
import { trpc } from "../../api/trpc.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";

/**
 * Delete with confirmation. The native modal <dialog> traps focus, closes on Escape and returns focus to the
 * button that opened it.
 */
export function DeleteRecipe({ id, title, onDeleted }: { id: string; title: string; onDeleted(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const utils = trpc.useUtils();
  const remove = trpc.saved.delete.useMutation({
    onSuccess: async () => {
      dialog.current?.close();
      utils.saved.byId.setData({ id }, undefined);
      await utils.saved.list.invalidate();
      onDeleted();
    },
  });

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => dialog.current?.showModal()}>
        Delete
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`delete-${id}`}>
        <h2 id={`delete-${id}`}>Delete “{title}”?</h2>
        <p>This cannot be undone.</p>
        {remove.error && <ErrorNotice error={remove.error} />}
        <div className="dialog-actions">
          <button type="button" className="button" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ id })}
          >
            {remove.isPending ? "Deleting…" : "Delete"}
          </button>
        </div>
      </dialog>
    </>
  );
}
