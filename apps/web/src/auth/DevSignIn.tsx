import type { Session } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { trpc } from "../api/trpc.js";
import { ErrorNotice } from "../components/ErrorNotice.js";

/** Development sign-in: any email, no password. The server refuses it in production. */
export function DevSignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const signIn = trpc.auth.signInDev.useMutation({ onSuccess: onSignedIn });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(name.trim() ? { email: email.trim(), name: name.trim() } : { email: email.trim() });
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Development sign-in">
      <p className="muted">Development sign-in: pick any email; no password, no email is sent.</p>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>
          Name <span className="muted">(optional)</span>
        </label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="name"
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {signIn.error && <ErrorNotice error={signIn.error} />}
      <button type="submit" className="button button-primary" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
