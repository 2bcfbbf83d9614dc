import { workspacePathParamsSchema } from '@/lib/api/schemas';
import { deleteWorkspace } from '@/server/actions/workspaces';
import { route } from '@/server/http/route';
import { workspaceDetail } from '@/server/views/workspace';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = workspacePathParamsSchema;

// GET /api/v1/workspaces/{ws} – counts, and whether it may be deleted and what would go with it
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}', params }, ({ params, bff }) => workspaceDetail(bff.cache, params.ws));

// DELETE /api/v1/workspaces/{ws} – delete a workspace and everything in it (not fleet-local or fleet-default)
export const DELETE = route({ name: 'DELETE /api/v1/workspaces/{ws}', params, mutation: true }, ({ params, bff }) => deleteWorkspace(bff, params.ws));
