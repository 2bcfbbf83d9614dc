import { createWorkspaceBodySchema } from '@/lib/api/schemas';
import { createWorkspace } from '@/server/actions/workspaces';
import { created } from '@/server/http/responses';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Every workspace with counts of its objects by state bucket. */
export const GET = route({ name: 'GET /api/v1/workspaces' }, ({ bff }) => ({ items: bff.cache.workspaceSummaries() }));

// POST /api/v1/workspaces – create a workspace (a FleetWorkspace, or a namespace without Rancher)
export const POST = route({ name: 'POST /api/v1/workspaces', body: createWorkspaceBodySchema, mutation: true }, async ({ body, bff }) =>
  created(await createWorkspace(bff, body.name)),
);
