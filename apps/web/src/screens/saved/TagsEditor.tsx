import { LIMITS } from "@sous/schemas";
import { useState } from "react";
import { ChipsInput } from "../../components/ChipsInput.js";

/** Edits the tags locally and saves them in one update. */
export function TagsEditor({ tags, busy, onSave }: { tags: string[]; busy: boolean; onSave(tags: string[]): void }) {
  const [draft, setDraft] = useState(tags);
  const changed = draft.join("\n") !== tags.join("\n");
  return (
    <div className="tags-editor">
      <ChipsInput
        label="Tags"
        values={draft}
        onChange={(next) => setDraft(next.map((tag) => tag.toLowerCase()))}
        placeholder="e.g. weeknight, then Enter"
        maxItems={LIMITS.tags}
        maxLength={LIMITS.tag}
      />
      {changed && (
        <button type="button" className="button" disabled={busy} onClick={() => onSave(draft)}>
          Save tags
        </button>
      )}
    </div>
  );
}
