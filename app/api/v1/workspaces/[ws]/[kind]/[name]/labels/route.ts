import { clusterLabelsPatchSchema, objectNamePathSchema, objectPathParamsSchema, workspacePathSchema } from '@/lib/api/schemas';
import { patchClusterLabels } from '@/server/actions/object-actions';
import { byParam } from '@/server/http/dispatch';
import { BffError } from '@/server/http/errors';
import { route, z } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// PATCH /api/v1/workspaces/{ws}/clusters/{name}/labels – { set: {k: v}, remove: [k] }
const patchLabels = route(
  {
    name: 'PATCH /api/v1/workspaces/{ws}/clusters/{name}/labels',
    params: z.object({ ws: workspacePathSchema, kind: z.literal('clusters'), name: objectNamePathSchema }),
    body: clusterLabelsPatchSchema,
    mutation: true,
  },
  ({ params, body, bff }) => patchClusterLabels(bff, params.ws, params.name, body),
);

const onlyClusters = route({ name: 'PATCH /api/v1/workspaces/{ws}/{kind}/{name}/labels', params: objectPathParamsSchema, mutation: true }, ({ params }) => {
  throw new BffError('bad_request', `labels of ${params.kind} are edited with the object itself; this endpoint is for clusters`, 'kind');
});

export const PATCH = byParam('kind', { clusters: patchLabels }, onlyClusters);
