import { useId, useState } from "react";

const MIN = 1;
const MAX = 48;

/** Scales the recipe: − / + buttons or a typed number; the server scales the quantities. */
interface ServingsControlProps {
  value: number;
  busy: boolean;
  onChange(next: number): void;
}

export function ServingsControl({ value, busy, onChange }: ServingsControlProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The server answered with new servings: show them (state derived from props, React's documented way).
    setShown(value);
    setDraft(String(value));
  }
  const commit = (next: number) => {
    const clamped = Math.min(MAX, Math.max(MIN, Math.round(next)));
    setDraft(String(clamped));
    if (clamped !== value) onChange(clamped);
  };
  return (
    <div className="field servings-control">
      <label htmlFor={id}>Servings</label>
      <div className="stepper" aria-busy={busy}>
        <button
          type="button"
          className="button"
          aria-label="Fewer servings"
          disabled={value <= MIN}
          onClick={() => commit(value - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={MIN}
          max={MAX}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => commit(Number(draft) || value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit(Number(draft) || value);
          }}
        />
        <button
          type="button"
          className="button"
          aria-label="More servings"
          disabled={value >= MAX}
          onClick={() => commit(value + 1)}
        >
          +
        </button>
      </div>
    </div>
  );
}
