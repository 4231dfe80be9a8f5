import type { ReactNode } from "react";
import { routeHref } from "../app/navigation.js";
import { useSession } from "../auth/session.js";
import { EmptyState, Loading } from "./Status.js";

/**
 * A screen that belongs to an account: its content once signed in, else a heading and a sign-in prompt.
 * One place for what every signed-in screen shows a visitor.
 */
export function SignedInOnly({ title, why, children }: { title: string; why: string; children: ReactNode }) {
  const { status } = useSession();
  if (status === "restoring") return <Loading>Checking your session…</Loading>;
  if (status !== "signedIn") {
    return (
      <div className="screen">
        <h1 className="screen-title">{title}</h1>
        <EmptyState title="Sign in first">
          <p>
            {why} <a href={routeHref({ screen: "signin" })}>Sign in</a> to continue.
          </p>
        </EmptyState>
      </div>
    );
  }
  return <>{children}</>;
}
