import 'server-only';

import type { DehydratedState } from '@tanstack/react-query';

import { fleetKeys } from '@/lib/api/keys';
import { ALL_WORKSPACES, type ListKind } from '@/lib/api/schemas';
import type { SearchParamsLike } from '@/lib/api/url-state';
import { startPrefetch } from '@/server/ui/prefetch';

import { listQueryFor } from './list-query';

export interface ListPageProps {
  params: Promise<{ ws: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The server half of a list page: reads the table state from the URL with the same parser the
 * browser uses, and puts the first page — straight from the BFF's in-memory cache — under the
 * key the client component asks for, so the rows are in the HTML and need no round trip. If the
 * cache cannot answer (still loading, bad label selector, unknown workspace) the key is left out
 * and the browser asks the BFF itself, showing the error where it belongs.
 */
export async function prefetchListPage(kind: ListKind, { params, searchParams }: ListPageProps): Promise<{ ws: string; state: DehydratedState }> {
  const ws = decodeURIComponent((await params).ws);
  const query = listQueryFor(kind, (await searchParams) as SearchParamsLike);
  const prefetch = await startPrefetch();
  const workspace = ws === ALL_WORKSPACES ? undefined : ws;
  if (prefetch.bff && (!workspace || prefetch.bff.cache.workspaceExists(workspace))) {
    prefetch.set(fleetKeys.list(kind, ws, query), (bff) => bff.cache.list(kind, workspace, query));
  }
  return { ws, state: prefetch.dehydrate() };
}
