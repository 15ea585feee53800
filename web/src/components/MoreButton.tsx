import { useState, type ReactNode } from 'react';

/**
 * "Load more" under one page of a list: shown while the API says there is a next page, gone once clicked (the
 * next page renders its own).
 */
export function MoreButton({
  pageInfo,
  onMore,
  children,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  onMore: (cursor: string) => void;
  children: ReactNode;
}) {
  const [clicked, setClicked] = useState(false);
  const cursor = pageInfo.endCursor;
  if (clicked || !pageInfo.hasNextPage || !cursor) return null;
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => {
        setClicked(true);
        onMore(cursor);
      }}
    >
      {children}
    </button>
  );
}
