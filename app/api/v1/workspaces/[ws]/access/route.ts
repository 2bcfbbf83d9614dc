import { ACCESS_VERBS, ALL_WORKSPACES, workspaceParamSchema, type WorkspaceAccess } from '@/lib/api/schemas';
import { ACCESS_KINDS } from '@/server/auth/access';
import { BffError } from '@/server/http/errors';
import { route, z } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/workspaces/{ws}/access – what the signed-in person may do there, per kind and verb
 * (all true in local mode). A workspace they may not see is a 404, like one that does not exist.
 * For `_all`: a verb counts when some workspace they see allows it.
 */
export const GET = route({ name: 'GET /api/v1/workspaces/{ws}/access', params: z.object({ ws: workspaceParamSchema }) }, ({ params, bff, identity }): WorkspaceAccess => {
  const { access } = identity;
  const workspaces = { create: access.workspaces.create, delete: access.workspaces.delete };
  if (params.ws !== ALL_WORKSPACES) {
    if (!bff.cache.workspaceExists(params.ws)) throw new BffError('not_found', `Workspace "${params.ws}" does not exist`, 'ws');
    return { mode: identity.mode, workspace: params.ws, kinds: access.permissions(params.ws), workspaces };
  }
  const visible = bff.cache.workspaceNames();
  const kinds = Object.fromEntries(
    ACCESS_KINDS.map((kind) => [kind, Object.fromEntries(ACCESS_VERBS.map((verb) => [verb, access.unrestricted || visible.some((ws) => access.can(kind, ws, verb))]))]),
  ) as WorkspaceAccess['kinds'];
  return { mode: identity.mode, workspace: params.ws, kinds, workspaces };
});
