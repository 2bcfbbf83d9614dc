'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

import type { ListKind, ListQuery } from '@/lib/api/schemas';
import { serializeListQuery } from '@/lib/api/url-state';

import { listQueryFor } from './list-query';

export interface ListState {
  query: ListQuery;
  /**
   * Changes the table state in the URL. Anything but a page change goes back to page 1 (page 7
   * of a different filter means nothing).
   */
  update(patch: Partial<ListQuery>): void;
}

/**
 * The table's state lives in the URL only, parsed with the same function as the server page, so
 * a reload or a shared link shows the same view. Updates use the History API, which Next.js
 * routes into `useSearchParams` without a server round trip: the page component does not run
 * again for every keystroke, sort or page, and the URL changes at once (react-query then fetches
 * just the new page). Links and the back button still go through the router as usual.
 */
export function useListState(kind: ListKind): ListState {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => listQueryFor(kind, searchParams), [kind, searchParams]);
  const update = useCallback(
    (patch: Partial<ListQuery>) => {
      // Start from the URL as it is now, not as this render saw it: two quick changes (a sort,
      // then a search that fires before the router re-rendered) must not undo each other.
      const current = listQueryFor(kind, new URLSearchParams(window.location.search));
      const next: ListQuery = { ...current, ...patch, page: patch.page ?? 1 };
      const search = serializeListQuery(next);
      if (search === serializeListQuery(current)) return;
      window.history.replaceState(null, '', `${pathname}${search}`);
    },
    [kind, pathname],
  );
  return { query, update };
}
