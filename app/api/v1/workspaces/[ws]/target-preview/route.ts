import { targetPreviewBodySchema, targetPreviewQuerySchema, workspacePathParamsSchema } from '@/lib/api/schemas';
import { BffError } from '@/server/http/errors';
import { route } from '@/server/http/route';
import { previewTargets } from '@/server/views/target-preview';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/v1/workspaces/{ws}/target-preview – which clusters GitRepo targets or a ClusterGroup selector would select
export const POST = route(
  { name: 'POST /api/v1/workspaces/{ws}/target-preview', params: workspacePathParamsSchema, query: targetPreviewQuerySchema, body: targetPreviewBodySchema, mutation: true, audit: false },
  ({ params, query, body, bff }) => {
    if (!bff.cache.workspaceExists(params.ws)) throw new BffError('not_found', `Workspace "${params.ws}" does not exist`, 'ws');
    return previewTargets(bff.cache, params.ws, body, query.limit);
  },
);
