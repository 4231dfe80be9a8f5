import { useSession } from "../../auth/session.js";
import { SignedInOnly } from "../../components/SignedInOnly.js";
import { AdminUsers } from "./AdminUsers.js";
import { ApiTokens } from "./ApiTokens.js";
import { ExportAndDelete } from "./ExportAndDelete.js";

/** The account: API tokens, export and deletion, and the user list for admins. */
export function AccountScreen() {
  return (
    <SignedInOnly title="Account" why="These settings belong to your account.">
      <Account />
    </SignedInOnly>
  );
}

function Account() {
  const { user } = useSession();
  return (
    <div className="screen">
      <h1 className="screen-title">Account</h1>
      <p className="muted">
        Signed in as {user?.email}
        {user?.role === "admin" ? " (admin)" : ""}
      </p>
      <ApiTokens />
      <ExportAndDelete />
      <AdminUsers />
    </div>
  );
}
