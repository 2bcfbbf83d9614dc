import { workspacePathParamsSchema } from '@/lib/api/schemas';
import { listSecretSummaries } from '@/server/actions/secrets';
import { BffError } from '@/server/http/errors';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/secrets – names and types of the workspace's Secrets, never their data
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/secrets', params: workspacePathParamsSchema }, async ({ params, bff, identity }) => {
  if (!bff.cache.workspaceExists(params.ws)) throw new BffError('not_found', `Workspace "${params.ws}" does not exist`, 'ws');
  // With the person's own credentials (team mode): Secret names are listed only for those who may list Secrets.
  return { items: await listSecretSummaries(identity.kubeConfig, params.ws) };
});
