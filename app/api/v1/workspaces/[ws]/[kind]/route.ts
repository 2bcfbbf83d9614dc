import {
  ALL_WORKSPACES,
  createClusterGroupBodySchema,
  createGitRepoBodySchema,
  dryRunQuerySchema,
  listKindSchema,
  listQuerySchema,
  workspaceParamSchema,
  workspacePathSchema,
} from '@/lib/api/schemas';
import { createClusterGroup } from '@/server/actions/clustergroups';
import { createGitRepo } from '@/server/actions/gitrepos';
import { byParam } from '@/server/http/dispatch';
import { BffError } from '@/server/http/errors';
import { created } from '@/server/http/responses';
import { route, z } from '@/server/http/route';
import { withFailingClusterNames } from '@/server/views/failures';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ ws: workspaceParamSchema, kind: listKindSchema });

/** One page of rows of a kind in a workspace (or `_all`), searched, filtered and sorted. */
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/{kind}', params, query: listQuerySchema }, ({ params, query, bff }) => {
  const workspace = params.ws === ALL_WORKSPACES ? undefined : params.ws;
  if (workspace && !bff.cache.workspaceExists(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
  return withFailingClusterNames(params.kind, bff.cache.list(params.kind, workspace, query), bff.cache.deployments);
});

const createParams = <K extends string>(kind: K) => z.object({ ws: workspacePathSchema, kind: z.literal(kind) });

// POST /api/v1/workspaces/{ws}/gitrepos – create a GitRepo, with its auth Secrets; ?dryRun=true checks only
const createGitRepoRoute = route(
  { name: 'POST /api/v1/workspaces/{ws}/gitrepos', params: createParams('gitrepos'), query: dryRunQuerySchema, body: createGitRepoBodySchema, mutation: true },
  async ({ params, query, body, bff }) => created(await createGitRepo(bff, params.ws, body, query.dryRun)),
);

// POST /api/v1/workspaces/{ws}/clustergroups – create a ClusterGroup; ?dryRun=true checks only
const createClusterGroupRoute = route(
  { name: 'POST /api/v1/workspaces/{ws}/clustergroups', params: createParams('clustergroups'), query: dryRunQuerySchema, body: createClusterGroupBodySchema, mutation: true },
  async ({ params, query, body, bff }) => created(await createClusterGroup(bff, params.ws, body, query.dryRun)),
);

const cannotCreate = route({ name: 'POST /api/v1/workspaces/{ws}/{kind}', params, mutation: true }, ({ params }) => {
  throw new BffError('bad_request', `${params.kind} cannot be created here; only gitrepos and clustergroups can`, 'kind');
});

export const POST = byParam('kind', { gitrepos: createGitRepoRoute, clustergroups: createClusterGroupRoute }, cannotCreate);
