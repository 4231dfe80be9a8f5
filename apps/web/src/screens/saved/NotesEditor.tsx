import { LIMITS } from "@sous/schemas";
import { useId, useState } from "react";

/** The cook's own notes on a recipe, edited in place and saved in one update. */
export function NotesEditor({ notes, busy, onSave }: { notes: string; busy: boolean; onSave(notes: string): void }) {
  const id = useId();
  const [draft, setDraft] = useState(notes);
  const changed = draft !== notes;
  return (
    <section className="notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Notes</h2>
      <label htmlFor={`${id}-notes`} className="visually-hidden">
        Notes
      </label>
      <textarea
        id={`${id}-notes`}
        rows={4}
        maxLength={LIMITS.notes}
        placeholder="What you changed, what to try next time…"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      {changed && (
        <button type="button" className="button" disabled={busy} onClick={() => onSave(draft)}>
          Save notes
        </button>
      )}
    </section>
  );
}
