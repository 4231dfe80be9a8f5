import { ACCOUNT_DELETE_CONFIRMATION } from "@sous/schemas";
import { useId, useRef, useState } from "react";
import { trpc } from "../../api/trpc.js";
import { useSession } from "../../auth/session.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";

/** Everything of the account as a JSON file, and deleting the account for good. */
export function ExportAndDelete() {
  const id = useId();
  const utils = trpc.useUtils();
  const { signOut } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [confirm, setConfirm] = useState("");
  const [exportError, setExportError] = useState<unknown>(null);
  const remove = trpc.account.delete.useMutation({
    onSuccess: async () => {
      dialog.current?.close();
      await signOut();
    },
  });

  const download = async () => {
    setExportError(null);
    try {
      const data = await utils.account.export.fetch();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "sous-export.json";
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setExportError(error);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your data</h2>
      <p>Download everything Sous keeps for you: saved recipes, chats, shopping list, meal plan and token names.</p>
      <button type="button" className="button" onClick={() => void download()}>
        Export my data
      </button>
      {exportError !== null && <ErrorNotice error={exportError} />}
      <p>Deleting your account removes all of it at once and signs you out everywhere.</p>
      <button type="button" className="button button-danger" onClick={() => dialog.current?.showModal()}>
        Delete my account…
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-delete`}>
        <h2 id={`${id}-delete`}>Delete your account?</h2>
        <p>
          This cannot be undone. Type <strong>{ACCOUNT_DELETE_CONFIRMATION}</strong> to confirm.
        </p>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>Confirmation</label>
          <input id={`${id}-confirm`} value={confirm} autoComplete="off" onChange={(e) => setConfirm(e.target.value)} />
        </div>
        {remove.error && <ErrorNotice error={remove.error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={confirm !== ACCOUNT_DELETE_CONFIRMATION || remove.isPending}
            onClick={() => remove.mutate({ confirm: ACCOUNT_DELETE_CONFIRMATION })}
          >
            {remove.isPending ? "Deleting…" : "Delete everything"}
          </button>
        </div>
      </dialog>
    </section>
  );
}
