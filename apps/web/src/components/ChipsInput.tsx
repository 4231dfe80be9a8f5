import { useId, useState, type KeyboardEvent } from "react";

interface ChipsInputProps {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  placeholder?: string;
  hint?: string;
  maxItems: number;
  maxLength: number;
}

/**
 * A list of short words typed one at a time: Enter or a comma adds the word, Backspace in the empty field
 * removes the last one, and every chip has its own labelled remove button.
 */
export function ChipsInput({ label, values, onChange, placeholder, hint, maxItems, maxLength }: ChipsInputProps) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const full = values.length >= maxItems;

  const add = (raw: string) => {
    const words = raw
      .split(",")
      .map((word) => word.trim().slice(0, maxLength))
      .filter((word) => word && !values.some((value) => value.toLowerCase() === word.toLowerCase()));
    if (words.length > 0) onChange([...values, ...words].slice(0, maxItems));
    setDraft("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="field chips-field">
      <label htmlFor={id}>{label}</label>
      {values.length > 0 && (
        <ul className="chips" aria-label={label}>
          {values.map((value) => (
            <li key={value} className="chip">
              <span>{value}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${value}`}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        value={draft}
        maxLength={maxLength}
        placeholder={full ? `At most ${maxItems}` : placeholder}
        disabled={full}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => add(draft)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
