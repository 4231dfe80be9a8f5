import { useState } from "react";
import { useSession } from "../auth/session.js";
import { ErrorNotice } from "../components/ErrorNotice.js";
import { routeHref } from "./navigation.js";
import { QuotaIndicator } from "./QuotaIndicator.js";

export function Header() {
  const { status, user, signOut } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSignOut = () => {
    setBusy(true);
    setError(null);
    signOut().then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  return (
    <header className="header">
      <a className="brand" href={routeHref({ screen: "generate" })}>
        <span className="brand-mark" aria-hidden="true">
          ◐
        </span>
        Sous
      </a>
      <QuotaIndicator />
      <div className="account" data-testid="account">
        {status === "restoring" && <span className="muted small">Checking session…</span>}
        {status === "signedOut" && (
          <a className="button" href={routeHref({ screen: "signin" })}>
            Sign in
          </a>
        )}
        {status === "signedIn" && user && (
          <>
            <span className="user" title={user.email}>
              {user.name ?? user.email}
            </span>
            <button type="button" className="button" onClick={onSignOut} disabled={busy}>
              Sign out
            </button>
          </>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} title="Signed out on this device only" />}
    </header>
  );
}
