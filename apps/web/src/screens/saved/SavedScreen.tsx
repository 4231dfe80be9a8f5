import { routeHref } from "../../app/navigation.js";
import { useSession } from "../../auth/session.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { SavedDetail } from "./SavedDetail.js";
import { SavedList } from "./SavedList.js";

/** The signed-in user's saved recipes: the list, or one recipe when the route names it. */
export function SavedScreen({ id }: { id: string | undefined }) {
  const { status } = useSession();
  if (status === "restoring") return <Loading>Checking your session…</Loading>;
  if (status !== "signedIn") {
    return (
      <div className="screen">
        <h1 className="screen-title">Saved recipes</h1>
        <EmptyState title="Sign in to keep recipes">
          <p>
            Saved recipes belong to your account. <a href={routeHref({ screen: "signin" })}>Sign in</a> to see them.
          </p>
        </EmptyState>
      </div>
    );
  }
  return id ? <SavedDetail key={id} id={id} /> : <SavedList />;
}
