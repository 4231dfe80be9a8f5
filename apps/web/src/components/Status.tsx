import type { ReactNode } from "react";

/** A polite live region for progress ("Loading…", "Writing the recipe…"). */
export function Loading({ children = "Loading…" }: { children?: ReactNode }) {
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
