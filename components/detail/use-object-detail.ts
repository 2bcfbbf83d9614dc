'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';

import { apiGet, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import {
  bundleDetailSchema,
  clusterDetailSchema,
  clusterGroupDetailSchema,
  gitRepoDetailSchema,
  MAX_RELATION_LIMIT,
  type BundleDetail,
  type ClusterDetail,
  type ClusterGroupDetail,
  type GitRepoDetail,
  type ListKind,
} from '@/lib/api/schemas';

export interface DetailByKind {
  gitrepos: GitRepoDetail;
  clusters: ClusterDetail;
  clustergroups: ClusterGroupDetail;
  bundles: BundleDetail;
}

const SCHEMAS = {
  gitrepos: gitRepoDetailSchema,
  clusters: clusterDetailSchema,
  clustergroups: clusterGroupDetailSchema,
  bundles: bundleDetailSchema,
};

import { DETAIL_PAGE_SIZE } from './format';

export { DETAIL_PAGE_SIZE };

export function detailUrl(kind: ListKind, ws: string, name: string, limit: number): string {
  return `/api/v1/workspaces/${encodeURIComponent(ws)}/${kind}/${encodeURIComponent(name)}?limit=${limit}`;
}

/**
 * Query key of a detail with `limit` rows per relation. It starts with `fleetKeys.detail`, so
 * the SSE stream's invalidation (any change in the workspace) and mutations' invalidation of
 * `fleetKeys.detail(kind, ws, name)` refresh it.
 */
export function detailQueryKey(kind: ListKind, ws: string, name: string, limit: number) {
  return [...fleetKeys.detail(kind, ws, name), { limit }] as const;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiClientError && error.status === 404;
}

/**
 * One object's detail, live. The server page passes what it prefetched as `initial`; the SSE
 * stream invalidates the key and this refetches. A 404 after the object was seen means it was
 * deleted while the page was open.
 */
export function useObjectDetail<K extends ListKind>(kind: K, ws: string, name: string, initial: DetailByKind[K] | undefined, limit: number) {
  return useQuery<DetailByKind[K], Error>({
    queryKey: detailQueryKey(kind, ws, name, limit),
    queryFn: () => apiGet(detailUrl(kind, ws, name, limit), SCHEMAS[kind] as never),
    initialData: limit === DETAIL_PAGE_SIZE ? initial : undefined,
    placeholderData: keepPreviousData,
    retry: (failures, error) => !isNotFound(error) && !(error instanceof ApiClientError && error.status < 500 && error.status >= 400) && failures < 2,
  });
}

/**
 * How many rows each relation table shows. Tables grow independently; the detail is fetched
 * with the largest of them (one request serves all relations).
 */
export function useRelationPaging() {
  const [shown, setShown] = useState<Record<string, number>>({});
  const visible = useCallback((section: string) => shown[section] ?? DETAIL_PAGE_SIZE, [shown]);
  const more = useCallback(
    (section: string) => setShown((current) => ({ ...current, [section]: Math.min((current[section] ?? DETAIL_PAGE_SIZE) + DETAIL_PAGE_SIZE, MAX_RELATION_LIMIT) })),
    [],
  );
  const limit = useMemo(() => Math.max(DETAIL_PAGE_SIZE, ...Object.values(shown)), [shown]);
  return { visible, more, limit };
}

export type RelationPaging = ReturnType<typeof useRelationPaging> & { fetching: boolean };
