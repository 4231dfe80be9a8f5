import { LIMITS } from "@sous/schemas";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { useId, useMemo, useState } from "react";
import { trpc, type RouterInputs } from "../../api/trpc.js";
import { routeHref } from "../../app/navigation.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { formatDate } from "../../components/format.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { Stars } from "./Stars.js";
import { useDebounced } from "./useDebounced.js";

type ListInput = RouterInputs["saved"]["list"];
type Sort = NonNullable<ListInput["sort"]>;

/** Search, filter by tag, sort, and page through saved recipes ("Load more" follows the cursor). */
export function SavedList() {
  const id = useId();
  const [q, setQ] = useState("");
  const [tag, setTag] = useState("");
  const [sort, setSort] = useState<Sort>("newest");
  const query = useDebounced(q.trim(), 300);
  const tagFilter = useDebounced(tag.trim().toLowerCase(), 300);

  const utils = trpc.useUtils();
  const input: ListInput = { limit: 20, sort, ...(query ? { q: query } : {}), ...(tagFilter ? { tag: tagFilter } : {}) };
  // Not trpc's useInfiniteQuery: it adds a `direction` field that the strict input schema rejects. The query
  // key is tRPC's own, so `utils.saved.list.invalidate()` still refreshes this list.
  const list = useInfiniteQuery({
    queryKey: getQueryKey(trpc.saved.list, input, "infinite"),
    queryFn: ({ pageParam, signal }) =>
      utils.client.saved.list.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const knownTags = useMemo(() => [...new Set(items.flatMap((item) => item.tags))].sort(), [items]);
  const filtered = query !== "" || tagFilter !== "";

  return (
    <div className="screen">
      <h1 className="screen-title">Saved recipes</h1>
      <form className="card form filters" role="search" aria-label="Saved recipes" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-wide">
          <label htmlFor={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            maxLength={LIMITS.searchQuery}
            placeholder="Title, ingredient or note"
            value={q}
            onChange={(event) => setQ(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <input
            id={`${id}-tag`}
            type="text"
            list={`${id}-tags`}
            maxLength={LIMITS.tag}
            placeholder="Any"
            value={tag}
            onChange={(event) => setTag(event.target.value)}
          />
          <datalist id={`${id}-tags`}>
            {knownTags.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>Sort</label>
          <select id={`${id}-sort`} value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="title">Title A–Z</option>
          </select>
        </div>
      </form>

      {list.isPending && <Loading>Loading your recipes…</Loading>}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && (
        <EmptyState title={filtered ? "Nothing matches" : "No saved recipes yet"}>
          <p>
            {filtered ? (
              "Try another word or clear the tag."
            ) : (
              <>
                <a href={routeHref({ screen: "generate" })}>Generate a recipe</a> and press Save to keep it here.
              </>
            )}
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="saved-list" aria-label="Your saved recipes" aria-busy={list.isFetching}>
          {items.map((item) => (
            <li key={item.id} className="card saved-item" data-testid="saved-item">
              <a className="saved-title" href={routeHref({ screen: "saved", id: item.id })}>
                {item.title}
              </a>
              <p className="muted small">
                Saved {formatDate(item.createdAt)}
                {item.rating !== null && (
                  <>
                    {" · "}
                    <Stars value={item.rating} />
                  </>
                )}
              </p>
              {item.tags.length > 0 && (
                <p className="badges">
                  {item.tags.map((itemTag) => (
                    <button key={itemTag} type="button" className="badge badge-button" onClick={() => setTag(itemTag)}>
                      {itemTag}
                    </button>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button load-more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
