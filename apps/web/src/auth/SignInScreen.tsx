import type { Session } from "@sous/schemas";
import { env } from "../env.js";
import { DevSignIn } from "./DevSignIn.js";
import { GoogleSignIn } from "./GoogleSignIn.js";
import { useSession } from "./session.js";

/** Google sign-in when this build has a client id; the development sign-in otherwise. */
export function SignInScreen({ onDone }: { onDone(): void }) {
  const { status, user, signedIn } = useSession();
  const accept = (session: Session) => {
    signedIn(session);
    onDone();
  };
  return (
    <div className="screen narrow">
      <h1 className="screen-title">Sign in</h1>
      <div className="card">
        {status === "signedIn" && user ? (
          <p role="status">You are signed in as {user.name ?? user.email}.</p>
        ) : (
          <>
            <p>Signing in lets you save recipes, keep your chats and get a larger daily allowance.</p>
            {env.googleClientId ? (
              <GoogleSignIn clientId={env.googleClientId} onSignedIn={accept} />
            ) : (
              <DevSignIn onSignedIn={accept} />
            )}
          </>
        )}
      </div>
    </div>
  );
}
