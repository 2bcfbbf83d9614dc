import { queryOptions } from '@tanstack/react-query';

import { apiGet } from './client';
import { fleetKeys } from './keys';
import { ROW_SCHEMAS, pageSchema, workspaceDetailSchema, workspaceListSchema, type ListKind, type ListQuery, type Page, type RowByKind, type WorkspaceSummary } from './schemas';
import { listPath } from './url-state';

/**
 * Query options for workspaces and small row lists, shared by server prefetch (same keys) and
 * the browser. Everything sits under `fleetKeys.workspaces()` or `fleetKeys.list()`, so the SSE
 * stream's invalidations refresh it.
 *
 * - `workspaceSummariesQuery()`: `WorkspaceSummary[]` of `GET /api/v1/workspaces` (the same key
 *   and shape components/table uses for its state counts, so they share one request).
 * - `workspaceDetailQuery(name)`: `GET /api/v1/workspaces/{name}` (counts + deletion impact).
 * - `rowsQuery(kind, ws, query)`: one page of rows, e.g. `{ state: 'error', pageSize: 8 }`.
 */

export const workspaceSummariesKey = () => [...fleetKeys.workspaces(), 'summaries'] as const;
export const workspaceDetailKey = (name: string) => [...fleetKeys.workspaces(), 'detail', name] as const;

export function workspaceSummariesQuery() {
  return queryOptions({
    queryKey: workspaceSummariesKey(),
    queryFn: async (): Promise<WorkspaceSummary[]> => (await apiGet('/api/v1/workspaces', workspaceListSchema)).items,
  });
}

export function workspaceDetailQuery(name: string) {
  return queryOptions({
    queryKey: workspaceDetailKey(name),
    queryFn: () => apiGet(`/api/v1/workspaces/${encodeURIComponent(name)}`, workspaceDetailSchema),
  });
}

export function rowsQuery<K extends ListKind>(kind: K, ws: string, query: Partial<ListQuery>) {
  return queryOptions({
    queryKey: fleetKeys.list(kind, ws, query),
    queryFn: async () => (await apiGet(listPath(kind, ws, query), pageSchema(ROW_SCHEMAS[kind]))) as Page<RowByKind[K]>,
  });
}
