import type { Session } from "@sous/schemas";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../api/trpc.js";
import { ErrorNotice } from "../components/ErrorNotice.js";
import { Loading } from "../components/Status.js";
import { loadGoogleIdentity } from "./google-identity.js";

/** Google's button; its ID token goes to `auth.signInWithGoogle`, which sets the refresh cookie. */
export function GoogleSignIn({ clientId, onSignedIn }: { clientId: string; onSignedIn(session: Session): void }) {
  const container = useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const signIn = trpc.auth.signInWithGoogle.useMutation({ onSuccess: onSignedIn });
  // Google keeps the callback it was initialised with; a ref lets it reach the current mutation.
  const mutate = useRef(signIn.mutate);
  mutate.current = signIn.mutate;

  useEffect(() => {
    let cancelled = false;
    loadGoogleIdentity().then(
      (google) => {
        if (cancelled || !container.current) return;
        google.accounts.id.initialize({
          client_id: clientId,
          ux_mode: "popup",
          callback: (response) => mutate.current({ idToken: response.credential }),
        });
        google.accounts.id.renderButton(container.current, {
          theme: "outline",
          size: "large",
          text: "signin_with",
          shape: "pill",
        });
        setReady(true);
      },
      (error: unknown) => !cancelled && setLoadError(error),
    );
    return () => {
      cancelled = true;
    };
  }, [clientId]);

  return (
    <div className="google-signin">
      {!ready && !loadError && <Loading>Loading Google sign-in…</Loading>}
      <div ref={container} />
      {signIn.isPending && <Loading>Signing you in…</Loading>}
      {loadError !== null && <ErrorNotice error={loadError} />}
      {signIn.error && <ErrorNotice error={signIn.error} />}
    </div>
  );
}
