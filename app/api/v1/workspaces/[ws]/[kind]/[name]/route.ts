import {
  detailQuerySchema,
  dryRunQuerySchema,
  objectNamePathSchema,
  objectPathParamsSchema,
  updateClusterGroupBodySchema,
  updateGitRepoBodySchema,
  workspacePathSchema,
} from '@/lib/api/schemas';
import { deleteClusterGroup, updateClusterGroup } from '@/server/actions/clustergroups';
import { deleteGitRepo, updateGitRepo } from '@/server/actions/gitrepos';
import { byParam } from '@/server/http/dispatch';
import { BffError } from '@/server/http/errors';
import { route, z } from '@/server/http/route';
import { objectDetail } from '@/server/views/details';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/{kind}/{name} – one object with its state, conditions and relations
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/{kind}/{name}', params: objectPathParamsSchema, query: detailQuerySchema }, ({ params, query, bff }) =>
  objectDetail(bff, params.kind, params.ws, params.name, query),
);

const paramsOf = <K extends string>(kind: K) => z.object({ ws: workspacePathSchema, kind: z.literal(kind), name: objectNamePathSchema });

const notEditable = (verb: string) =>
  route({ name: `${verb} /api/v1/workspaces/{ws}/{kind}/{name}`, params: objectPathParamsSchema, mutation: true }, ({ params }) => {
    throw new BffError('bad_request', `${params.kind} cannot be ${verb === 'PUT' ? 'updated' : 'deleted'} here; only gitrepos and clustergroups can`, 'kind');
  });

// PUT /api/v1/workspaces/{ws}/gitrepos/{name} – update from what the client loaded (409 if it changed since)
const putGitRepo = route(
  { name: 'PUT /api/v1/workspaces/{ws}/gitrepos/{name}', params: paramsOf('gitrepos'), query: dryRunQuerySchema, body: updateGitRepoBodySchema, mutation: true },
  ({ params, query, body, bff }) => updateGitRepo(bff, params.ws, params.name, body, query.dryRun),
);

// PUT /api/v1/workspaces/{ws}/clustergroups/{name}
const putClusterGroup = route(
  { name: 'PUT /api/v1/workspaces/{ws}/clustergroups/{name}', params: paramsOf('clustergroups'), query: dryRunQuerySchema, body: updateClusterGroupBodySchema, mutation: true },
  ({ params, query, body, bff }) => updateClusterGroup(bff, params.ws, params.name, body, query.dryRun),
);

// DELETE /api/v1/workspaces/{ws}/gitrepos/{name}
const deleteGitRepoRoute = route({ name: 'DELETE /api/v1/workspaces/{ws}/gitrepos/{name}', params: paramsOf('gitrepos'), mutation: true }, ({ params, bff }) =>
  deleteGitRepo(bff, params.ws, params.name),
);

// DELETE /api/v1/workspaces/{ws}/clustergroups/{name} – the GitRepos that target it are in its GET relations.gitRepos
const deleteClusterGroupRoute = route({ name: 'DELETE /api/v1/workspaces/{ws}/clustergroups/{name}', params: paramsOf('clustergroups'), mutation: true }, ({ params, bff }) =>
  deleteClusterGroup(bff, params.ws, params.name),
);

export const PUT = byParam('kind', { gitrepos: putGitRepo, clustergroups: putClusterGroup }, notEditable('PUT'));
export const DELETE = byParam('kind', { gitrepos: deleteGitRepoRoute, clustergroups: deleteClusterGroupRoute }, notEditable('DELETE'));
