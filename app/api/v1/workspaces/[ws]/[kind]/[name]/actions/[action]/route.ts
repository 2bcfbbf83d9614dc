import {
  CLUSTER_ACTIONS,
  emptyActionBodySchema,
  GITREPO_ACTIONS,
  moveClusterBodySchema,
  objectNamePathSchema,
  objectPathParamsSchema,
  workspacePathSchema,
  type ClusterAction,
  type GitRepoAction,
} from '@/lib/api/schemas';
import { clusterAction, gitRepoAction, moveCluster } from '@/server/actions/object-actions';
import { byParam } from '@/server/http/dispatch';
import { BffError } from '@/server/http/errors';
import { route, z } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const paramsOf = <K extends string, A extends string>(kind: K, action: A) =>
  z.object({ ws: workspacePathSchema, kind: z.literal(kind), name: objectNamePathSchema, action: z.literal(action) });

// POST /api/v1/workspaces/{ws}/gitrepos/{name}/actions/{pause|unpause|forceUpdate|enablePolling|disablePolling}
const gitRepoRoutes = Object.fromEntries(
  GITREPO_ACTIONS.map((action: GitRepoAction) => [
    action,
    route(
      { name: `POST /api/v1/workspaces/{ws}/gitrepos/{name}/actions/${action}`, params: paramsOf('gitrepos', action), body: emptyActionBodySchema, mutation: true },
      ({ params, bff }) => gitRepoAction(bff, params.ws, params.name, action),
    ),
  ]),
);

// POST /api/v1/workspaces/{ws}/clusters/{name}/actions/{pause|unpause|forceUpdate}
const clusterRoutes = Object.fromEntries(
  CLUSTER_ACTIONS.filter((action): action is Exclude<ClusterAction, 'move'> => action !== 'move').map((action) => [
    action,
    route(
      { name: `POST /api/v1/workspaces/{ws}/clusters/{name}/actions/${action}`, params: paramsOf('clusters', action), body: emptyActionBodySchema, mutation: true },
      ({ params, bff }) => clusterAction(bff, params.ws, params.name, action),
    ),
  ]),
);

// POST /api/v1/workspaces/{ws}/clusters/{name}/actions/move – { to: <workspace> }
clusterRoutes.move = route(
  { name: 'POST /api/v1/workspaces/{ws}/clusters/{name}/actions/move', params: paramsOf('clusters', 'move'), body: moveClusterBodySchema, mutation: true },
  ({ params, body, bff }) => moveCluster(bff, params.ws, params.name, body.to),
);

const ACTIONS: Record<string, readonly string[]> = { gitrepos: GITREPO_ACTIONS, clusters: CLUSTER_ACTIONS };

const unknownAction = route(
  { name: 'POST /api/v1/workspaces/{ws}/{kind}/{name}/actions/{action}', params: objectPathParamsSchema.extend({ action: z.string() }), mutation: true },
  ({ params }) => {
    const known = ACTIONS[params.kind];
    throw known
      ? new BffError('bad_request', `${params.kind} have no action "${params.action}"; use one of ${known.join(', ')}`, 'action')
      : new BffError('bad_request', `${params.kind} have no actions; gitrepos and clusters do`, 'kind');
  },
);

export const POST = byParam('kind', { gitrepos: byParam('action', gitRepoRoutes, unknownAction), clusters: byParam('action', clusterRoutes, unknownAction) }, unknownAction);
