import { ALL_WORKSPACES, listKindSchema, listQuerySchema, workspaceParamSchema } from '@/lib/api/schemas';
import { BffError } from '@/server/http/errors';
import { route, z } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ ws: workspaceParamSchema, kind: listKindSchema });

/** One page of rows of a kind in a workspace (or `_all`), searched, filtered and sorted. */
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/{kind}', params, query: listQuerySchema }, ({ params, query, bff }) => {
  const workspace = params.ws === ALL_WORKSPACES ? undefined : params.ws;
  if (workspace && !bff.cache.workspaceExists(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
  return bff.cache.list(params.kind, workspace, query);
});
