import { useEffect, useState } from "react";
import { toProblem } from "../api/errors.js";

/**
 * A failed call, said plainly, in an alert region so screen readers announce it. A 429 counts down to the
 * moment a retry may succeed (the server's `retryAfterSeconds`) and only then offers to retry.
 */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const problem = toProblem(error);
  const waitSeconds = useCountdown(problem.retryAfterSeconds);
  const limited = problem.code === "TOO_MANY_REQUESTS";
  return (
    <div className="notice notice-error" role="alert" data-code={problem.code}>
      <p className="notice-title">{title ?? (limited ? "Limit reached" : "That didn't work")}</p>
      <p>{problem.message}</p>
      {limited && problem.retryAfterSeconds !== undefined && (
        <p className="retry-after" data-testid="retry-after">
          {waitSeconds > 0 ? `You can try again in ${formatWait(waitSeconds)}.` : "You can try again now."}
        </p>
      )}
      {problem.fieldErrors && (
        <ul>
          {Object.entries(problem.fieldErrors).map(([field, messages]) => (
            <li key={field}>
              <strong>{field}</strong>: {messages.join("; ")}
            </li>
          ))}
        </ul>
      )}
      {problem.requestId && <p className="muted small">Reference: {problem.requestId}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={limited && waitSeconds > 0}>
          Try again
        </button>
      )}
    </div>
  );
}

function useCountdown(seconds: number | undefined): number {
  const [deadline] = useState(() => (seconds === undefined ? 0 : Date.now() + seconds * 1000));
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    if (deadline === 0) return;
    const tick = () => setLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [deadline]);
  return left;
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}
