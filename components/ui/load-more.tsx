// The foot of a paged list: how many items are shown (of how many, when the server counts them) and "Load more"
// while the server has another page (react-query's infinite queries follow its cursor).
/** "Load more" while the server has another page; how many are shown of how many. */
export function LoadMore({
  shown,
  total,
  hasMore,
  loading,
  onMore,
}: {
  shown: number;
  total?: number | undefined;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  return (
    <div className="load-more">
      <span className="muted small" data-testid="shown-count">
        {total !== undefined ? `${shown} of ${total} shown` : `${shown} shown`}
      </span>
      {hasMore ? (
        <button type="button" className="button" onClick={onMore} disabled={loading} data-testid="load-more">
          {loading ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
