'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { rowsQuery, workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { ALL_WORKSPACES, type BucketCounts, type ListKind, type ListQuery, type WorkspaceSummary } from '@/lib/api/schemas';

/**
 * One page of a list from the BFF, under `fleetKeys.list(kind, ws, query)` — the key the server
 * page prefetches into, and the one the SSE stream invalidates when anything of the kind changes
 * in the workspace. While the next page (or sort, or filter) loads, the previous rows stay on
 * screen (`isPlaceholderData`) instead of a blank table. (A new workspace or kind mounts a new
 * page component, so the placeholder never shows another workspace's rows.)
 */
export function useListPage<K extends ListKind>(kind: K, ws: string, query: ListQuery) {
  return useQuery({ ...rowsQuery(kind, ws, query), placeholderData: keepPreviousData });
}

function sumCounts(kind: ListKind, ws: string, items: WorkspaceSummary[]): BucketCounts | undefined {
  const relevant = ws === ALL_WORKSPACES ? items : items.filter((item) => item.name === ws);
  if (relevant.length === 0) return undefined;
  const total: BucketCounts = { total: 0, error: 0, warning: 0, active: 0, pending: 0 };
  for (const item of relevant) {
    const counts = item[kind];
    total.total += counts.total;
    total.error += counts.error;
    total.warning += counts.warning;
    total.active += counts.active;
    total.pending += counts.pending;
  }
  return total;
}

/**
 * Per-state counts of a kind in a workspace (or all of them), for the state filter. They come
 * from the workspace summaries — running totals in the BFF, already in the cache from the shell
 * and refreshed by the SSE stream — so they cost nothing extra.
 */
export function useStateCounts(kind: ListKind, ws: string): BucketCounts | undefined {
  return useQuery({ ...workspaceSummariesQuery(), select: (items) => sumCounts(kind, ws, items) }).data;
}

/** Workspace names, for "Move to workspace". */
export function useWorkspaceNames(): string[] | undefined {
  return useQuery({ ...workspaceSummariesQuery(), select: (items) => items.map((item) => item.name) }).data;
}
