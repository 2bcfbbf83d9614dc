import { SORT_FIELDS, type ListKind, type ListQuery } from '@/lib/api/schemas';
import { parseListQuery, type SearchParamsLike } from '@/lib/api/url-state';

/**
 * A table's state from its URL, for one kind: `parseListQuery` plus a sort field the kind can
 * sort by (a stale or hand-edited `?sort=` falls back to name instead of failing the page). The
 * server page and the client component both call this, so the first render and the browser agree.
 */
export function listQueryFor(kind: ListKind, params: SearchParamsLike): ListQuery {
  const query = parseListQuery(params);
  return SORT_FIELDS[kind].includes(query.sort) ? query : { ...query, sort: 'name' };
}

/** Whether two table states ask for the same page. */
export function sameListQuery(a: ListQuery, b: ListQuery): boolean {
  return (
    a.q === b.q &&
    a.state === b.state &&
    a.label === b.label &&
    a.sort === b.sort &&
    a.order === b.order &&
    a.page === b.page &&
    a.pageSize === b.pageSize
  );
}

/** A filter narrows the rows (search, state or labels) — an empty page then means "no match", not "none yet". */
export function isFiltered(query: ListQuery): boolean {
  return Boolean(query.q || query.state || query.label);
}

export const PAGE_SIZES = [25, 50, 100, 250] as const;
