import { trpc } from "../api/trpc.js";
import { useSession } from "../auth/session.js";

/** Today's AI allowance for the caller (the user, else this address), refreshed after each AI call. */
export function QuotaIndicator() {
  const { status } = useSession();
  const quota = trpc.recipe.quota.useQuery(undefined, {
    enabled: status !== "restoring",
    refetchInterval: 60_000,
  });
  if (!quota.data) return null;
  const { limit, remaining, resetsAt } = quota.data;
  const resets = new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(resetsAt);
  const low = remaining <= Math.max(1, Math.floor(limit * 0.2));
  return (
    <div className={low ? "quota quota-low" : "quota"} data-testid="quota">
      <meter min={0} max={limit} value={remaining} low={limit * 0.2 + 0.01} optimum={limit} aria-hidden="true" />
      <span>
        {remaining > 0 ? `${remaining} of ${limit} AI requests left today` : `Daily AI limit reached; resets at ${resets}`}
      </span>
      <span className="visually-hidden">{remaining > 0 ? `Resets at ${resets}.` : ""}</span>
    </div>
  );
}
