'use client';

import { useQuery, type Query } from '@tanstack/react-query';

import { apiGet } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import {
  bundleRowSchema,
  clusterGroupRowSchema,
  clusterRowSchema,
  gitRepoRowSchema,
  pageSchema,
  workspaceListSchema,
  type BucketCounts,
  type ListKind,
  type ListQuery,
  type Page,
  type RowByKind,
  type WorkspaceSummary,
} from '@/lib/api/schemas';
import { listPath } from '@/lib/api/url-state';

import { sameListQuery } from './list-query';

/** The page the server rendered with, handed to the client so the first rows need no round trip. */
export interface InitialPage<K extends ListKind> {
  query: ListQuery;
  page: Page<RowByKind[K]>;
  /** When the server read it (ms since epoch). */
  at: number;
}

const PAGE_SCHEMAS = {
  gitrepos: pageSchema(gitRepoRowSchema),
  clusters: pageSchema(clusterRowSchema),
  clustergroups: pageSchema(clusterGroupRowSchema),
  bundles: pageSchema(bundleRowSchema),
};

/**
 * One page of a list from the BFF, under `fleetKeys.list` so the SSE stream refreshes it when
 * anything of the kind changes in the workspace. While the next page (or sort, or filter) loads,
 * the previous rows stay on screen (`isPlaceholderData`) instead of a blank table.
 */
export function useListPage<K extends ListKind>(kind: K, ws: string, query: ListQuery, initial?: InitialPage<K>) {
  const fromServer = initial && sameListQuery(initial.query, query) ? initial : undefined;
  return useQuery({
    queryKey: fleetKeys.list(kind, ws, query),
    queryFn: async () => (await apiGet(listPath(kind, ws, query), PAGE_SCHEMAS[kind])) as Page<RowByKind[K]>,
    initialData: fromServer?.page,
    initialDataUpdatedAt: fromServer?.at,
    // Keep the last page while the next one loads — but never show another workspace's rows.
    placeholderData: (previous: Page<RowByKind[K]> | undefined, previousQuery: Query<Page<RowByKind[K]>> | undefined) =>
      previousQuery && previousQuery.queryKey[1] === kind && previousQuery.queryKey[2] === ws ? previous : undefined,
  });
}

/**
 * Per-state counts of a kind in a workspace (or all of them), for the state filter. They come
 * from the workspace summaries the BFF keeps as running totals, so they cost one small request
 * that the SSE stream refreshes with every change.
 */
export function useStateCounts(kind: ListKind, ws: string, enabled: boolean): BucketCounts | undefined {
  const { data } = useQuery({
    queryKey: [...fleetKeys.workspaces(), 'summaries'],
    queryFn: async () => (await apiGet('/api/v1/workspaces', workspaceListSchema)).items,
    enabled,
    select: (items: WorkspaceSummary[]) => {
      const relevant = ws === '_all' ? items : items.filter((item) => item.name === ws);
      if (relevant.length === 0) return undefined;
      return relevant.reduce<BucketCounts>(
        (sum, item) => {
          const counts = item[kind];
          return {
            total: sum.total + counts.total,
            error: sum.error + counts.error,
            warning: sum.warning + counts.warning,
            active: sum.active + counts.active,
            pending: sum.pending + counts.pending,
          };
        },
        { total: 0, error: 0, warning: 0, active: 0, pending: 0 },
      );
    },
  });
  return data;
}

/** Workspace names, for "Move to workspace". */
export function useWorkspaceNames(enabled = true): string[] | undefined {
  const { data } = useQuery({
    queryKey: [...fleetKeys.workspaces(), 'summaries'],
    queryFn: async () => (await apiGet('/api/v1/workspaces', workspaceListSchema)).items,
    enabled,
    select: (items: WorkspaceSummary[]) => items.map((item) => item.name),
  });
  return data;
}
