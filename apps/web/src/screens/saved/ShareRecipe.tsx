import { useState } from "react";
import { trpc } from "../../api/trpc.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";

/**
 * A read-only link for friends. The token is made (or reused) on demand; revoking it ends every copy of the
 * link at once.
 */
export function ShareRecipe({ id }: { id: string }) {
  const share = trpc.saved.share.useMutation();
  const unshare = trpc.saved.unshare.useMutation({ onSuccess: () => share.reset() });
  const [copied, setCopied] = useState(false);
  const link = share.data?.shareUrl;

  const copy = async () => {
    if (!link) return;
    await navigator.clipboard?.writeText(link);
    setCopied(true);
  };
  return (
    <div className="share">
      {link ? (
        <>
          <label className="visually-hidden" htmlFor={`share-${id}`}>
            Share link
          </label>
          <input id={`share-${id}`} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          <button type="button" className="button" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy link"}
          </button>
          <button type="button" className="button" disabled={unshare.isPending} onClick={() => unshare.mutate({ id })}>
            Stop sharing
          </button>
        </>
      ) : (
        <button type="button" className="button" disabled={share.isPending} onClick={() => share.mutate({ id })}>
          {share.isPending ? "Making a link…" : "Share"}
        </button>
      )}
      {unshare.isSuccess && !link && <p role="status">The link no longer works.</p>}
      {(share.error ?? unshare.error) && <ErrorNotice error={share.error ?? unshare.error} />}
    </div>
  );
}
