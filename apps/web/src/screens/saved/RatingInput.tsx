import { useId } from "react";

/** Rating 1–5 as a radio group (arrow keys move between stars), plus a way to clear it. */
interface RatingInputProps {
  value: number | null;
  disabled: boolean;
  onChange(rating: number | null): void;
}

export function RatingInput({ value, disabled, onChange }: RatingInputProps) {
  const name = useId();
  return (
    <fieldset className="field rating" disabled={disabled}>
      <legend>Your rating</legend>
      <div className="rating-stars">
        {[1, 2, 3, 4, 5].map((star) => (
          <label key={star} className={value !== null && star <= value ? "star star-on" : "star"}>
            <input
              type="radio"
              name={name}
              value={star}
              checked={value === star}
              onChange={() => onChange(star)}
              className="visually-hidden"
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">
              {star} {star === 1 ? "star" : "stars"}
            </span>
          </label>
        ))}
        {value !== null && (
          <button type="button" className="button button-link" onClick={() => onChange(null)}>
            Clear
          </button>
        )}
      </div>
    </fieldset>
  );
}
