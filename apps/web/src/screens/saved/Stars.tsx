/** A read-only rating, spoken as "Rated 4 of 5". */
export function Stars({ value }: { value: number }) {
  return (
    <span className="stars" role="img" aria-label={`Rated ${value} of 5`}>
      {"★".repeat(value)}
      <span className="stars-off">{"★".repeat(5 - value)}</span>
    </span>
  );
}
