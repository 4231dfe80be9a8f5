import { useId, useState } from "react";
import { trpc } from "../../api/trpc.js";
import { useSession } from "../../auth/session.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { formatDate } from "../../components/format.js";
import { Loading } from "../../components/Status.js";

/** Admins only: every user, newest first, and their role. The server refuses to demote the last admin. */
export function AdminUsers() {
  const id = useId();
  const { user } = useSession();
  const utils = trpc.useUtils();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const users = trpc.admin.users.list.useQuery(cursor ? { cursor, limit: 20 } : { limit: 20 }, {
    enabled: user?.role === "admin",
  });
  const setRole = trpc.admin.users.setRole.useMutation({ onSuccess: () => utils.admin.users.list.invalidate() });
  if (user?.role !== "admin") return null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Users (admin)</h2>
      {users.isPending && <Loading>Loading users…</Loading>}
      {users.error && <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />}
      {setRole.error && <ErrorNotice error={setRole.error} />}
      {users.data && (
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Joined</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((row) => (
              <tr key={row.id}>
                <td>{row.email}</td>
                <td>{row.name ?? ""}</td>
                <td>{formatDate(row.createdAt)}</td>
                <td>
                  <select
                    aria-label={`Role of ${row.email}`}
                    value={row.role}
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ userId: row.id, role: e.target.value as "user" | "admin" })}
                  >
                    <option value="user">user</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {cursor && (
          <button type="button" className="button" onClick={() => setCursor(undefined)}>
            First page
          </button>
        )}
        {users.data?.nextCursor && (
          <button type="button" className="button" onClick={() => setCursor(users.data.nextCursor ?? undefined)}>
            Next page
          </button>
        )}
      </div>
    </section>
  );
}
