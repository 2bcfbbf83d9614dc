import 'server-only';

import type { WorkspaceDetail, WorkspaceImpact } from '@/lib/api/schemas';
import { FLEET_DEFAULT_NAMESPACE, FLEET_LOCAL_NAMESPACE } from '@/lib/fleet/labels';
import type { FleetCache } from '@/server/cache/fleet-cache';
import { BffError } from '@/server/http/errors';

/** Workspaces Fleet and Rancher always need; Fleet Deck never deletes them. */
export const UNDELETABLE_WORKSPACES: readonly string[] = [FLEET_LOCAL_NAMESPACE, FLEET_DEFAULT_NAMESPACE];

export function deletionRefusal(name: string): string | undefined {
  return UNDELETABLE_WORKSPACES.includes(name)
    ? `Workspace "${name}" belongs to Fleet${name === FLEET_LOCAL_NAMESPACE ? ' (it holds the local cluster)' : ' (Rancher puts downstream clusters there)'} and cannot be deleted`
    : undefined;
}

/** Everything deleting the workspace deletes with it. */
export function workspaceImpact(cache: FleetCache, name: string): WorkspaceImpact {
  return {
    gitrepos: cache.counts('gitrepos', name).total,
    clusters: cache.counts('clusters', name).total,
    clustergroups: cache.counts('clustergroups', name).total,
    bundles: cache.counts('bundles', name).total,
  };
}

export function workspaceDetail(cache: FleetCache, name: string): WorkspaceDetail {
  const summary = cache.workspaceSummaries().find((workspace) => workspace.name === name);
  if (!summary) throw new BffError('not_found', `Workspace "${name}" does not exist`, 'ws');
  const reason = deletionRefusal(name);
  return { workspace: summary, deletion: { allowed: !reason, ...(reason ? { reason } : {}), impact: workspaceImpact(cache, name) } };
}
