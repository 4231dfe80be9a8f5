import { useId, useState, type FormEvent } from "react";
import { trpc } from "../../api/trpc.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { formatDate } from "../../components/format.js";
import { EmptyState, Loading } from "../../components/Status.js";

/** API tokens for scripts and the `sous` CLI: the secret is shown once, right after it is made. */
export function ApiTokens() {
  const id = useId();
  const utils = trpc.useUtils();
  const tokens = trpc.auth.apiTokens.list.useQuery();
  const create = trpc.auth.apiTokens.create.useMutation({ onSuccess: () => utils.auth.apiTokens.list.invalidate() });
  const revoke = trpc.auth.apiTokens.revoke.useMutation({ onSuccess: () => utils.auth.apiTokens.list.invalidate() });
  const [name, setName] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), expiresInDays: 90 });
    setName("");
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API tokens</h2>
      <form className="form form-inline" onSubmit={submit} aria-label="Create an API token">
        <div className="field">
          <label htmlFor={`${id}-name`}>Token name</label>
          <input id={`${id}-name`} value={name} maxLength={80} placeholder="e.g. laptop CLI" onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={!name.trim() || create.isPending}>
          Create token
        </button>
      </form>
      {create.data && (
        <div className="notice" role="status" data-testid="new-token">
          <p className="notice-title">Copy “{create.data.name}” now: it is not shown again.</p>
          <p>
            <code>{create.data.token}</code>
          </p>
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(create.data.token)}>
            Copy
          </button>
        </div>
      )}
      {(create.error ?? revoke.error) && <ErrorNotice error={create.error ?? revoke.error} />}
      {tokens.isPending && <Loading>Loading tokens…</Loading>}
      {tokens.error && <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data?.length === 0 && <EmptyState title="No API tokens" />}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="token-list" aria-label="Your API tokens">
          {tokens.data.map((token) => (
            <li key={token.id} data-testid="api-token">
              <strong>{token.name}</strong>{" "}
              <span className="muted small">
                made {formatDate(token.createdAt)}
                {token.lastUsedAt ? ` · last used ${formatDate(token.lastUsedAt)}` : " · never used"}
                {token.expiresAt ? ` · expires ${formatDate(token.expiresAt)}` : ""}
              </span>{" "}
              <button
                type="button"
                className="button button-link"
                aria-label={`Revoke ${token.name}`}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id: token.id })}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
