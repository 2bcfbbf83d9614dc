import { driftPathParamsSchema, driftQuerySchema } from '@/lib/api/schemas';
import { route } from '@/server/http/route';
import { clusterDrift, gitRepoDrift } from '@/server/views/failures';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/{gitrepos|clusters}/{name}/drift – every drifted resource per cluster, paged
export const GET = route(
  { name: 'GET /api/v1/workspaces/{ws}/{kind}/{name}/drift', params: driftPathParamsSchema, query: driftQuerySchema },
  ({ params, query, bff }) =>
    params.kind === 'gitrepos' ? gitRepoDrift(bff.cache, params.ws, params.name, query) : clusterDrift(bff.cache, params.ws, params.name, query),
);
