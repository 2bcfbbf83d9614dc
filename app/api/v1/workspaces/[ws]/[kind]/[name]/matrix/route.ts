import { matrixPathParamsSchema, matrixQuerySchema } from '@/lib/api/schemas';
import { route } from '@/server/http/route';
import { clusterGroupMatrix, gitRepoMatrix } from '@/server/views/failures';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/{gitrepos|clustergroups}/{name}/matrix – clusters × bundles, each cell a state, paged
export const GET = route(
  { name: 'GET /api/v1/workspaces/{ws}/{kind}/{name}/matrix', params: matrixPathParamsSchema, query: matrixQuerySchema },
  ({ params, query, bff }) =>
    params.kind === 'gitrepos' ? gitRepoMatrix(bff.cache, params.ws, params.name, query) : clusterGroupMatrix(bff.cache, params.ws, params.name, query),
);
