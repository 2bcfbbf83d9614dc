import 'server-only';

import { objectNamePathSchema, workspacePathSchema, type ListKind, type ObjectDetail } from '@/lib/api/schemas';
import { getBff } from '@/server/bff';
import { fromKubeError } from '@/server/http/errors';

import { objectDetail } from './details';

export type DetailPrefetch =
  | { status: 'ok'; detail: ObjectDetail }
  | { status: 'not_found'; field?: string; message: string }
  | { status: 'error'; code: string; message: string };

/**
 * What a detail page's server component hands its client component: the same detail the
 * `GET …/{kind}/{name}` endpoint returns (first `limit` rows of each relation), or why there is
 * none. Never throws: the page renders a not-found panel or a retryable error instead.
 */
export async function prefetchDetail(kind: ListKind, ws: string, name: string, limit: number): Promise<DetailPrefetch> {
  if (!workspacePathSchema.safeParse(ws).success) return { status: 'not_found', field: 'ws', message: `"${ws}" is not a workspace name` };
  if (!objectNamePathSchema.safeParse(name).success) return { status: 'not_found', field: 'name', message: `"${name}" is not an object name` };
  try {
    const bff = await getBff();
    return { status: 'ok', detail: await objectDetail(bff, kind, ws, name, { offset: 0, limit }) };
  } catch (error) {
    const failure = fromKubeError(error);
    if (failure.code === 'not_found') return { status: 'not_found', field: failure.field, message: failure.message };
    if (failure.code === 'internal') console.error(`[detail page ${kind}/${ws}/${name}]`, error);
    return { status: 'error', code: failure.code, message: failure.message };
  }
}
