import 'server-only';

import { ALL_WORKSPACES, type ListKind, type ListQuery, type Page, type RowByKind } from '@/lib/api/schemas';
import { getBff } from '@/server/bff';

import type { InitialPage } from './use-list-page';

/**
 * The first page of a list, read from the BFF's in-memory cache while the server renders, so the
 * rows are in the HTML and the browser does not ask again. Any failure (cluster still loading, a
 * bad label selector, an unknown workspace) returns `undefined`: the client then asks the BFF
 * itself and shows the error where it belongs (under the label input, or as the table's error).
 */
export async function prefetchListPage<K extends ListKind>(kind: K, ws: string, query: ListQuery): Promise<InitialPage<K> | undefined> {
  try {
    const bff = await getBff();
    const workspace = ws === ALL_WORKSPACES ? undefined : ws;
    if (workspace && !bff.cache.workspaceExists(workspace)) return undefined;
    const page: Page<RowByKind[K]> = bff.cache.list(kind, workspace, query);
    // Through JSON, as the API would send it: no undefined fields, plain objects only.
    return { query, page: JSON.parse(JSON.stringify(page)) as Page<RowByKind[K]>, at: Date.now() };
  } catch {
    return undefined;
  }
}
