import 'server-only';

import type { WorkspaceCreated, WorkspaceDeleted } from '@/lib/api/schemas';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';
import { apiStatusOf } from '@/server/kube/errors';
import { FLEET_WORKSPACES, FleetApi } from '@/server/kube/fleet-api';
import { WORKSPACE_ANNOTATION } from '@/server/kube/workspaces';
import { deletionRefusal, workspaceImpact } from '@/server/views/workspace';

import { settle } from './settle';

/**
 * Workspaces are Rancher's FleetWorkspaces (cluster-scoped, each bringing its namespace). On a
 * plain Fleet install that API does not exist and a workspace is a namespace, marked with
 * Rancher's workspace annotation so it is recognised even while empty.
 */

export async function createWorkspace(bff: Bff, name: string): Promise<WorkspaceCreated> {
  const api = new FleetApi(bff.kube.kc);
  let via: 'fleetworkspace' | 'namespace' = 'fleetworkspace';
  try {
    await api.custom.createClusterCustomObject({
      ...FLEET_WORKSPACES,
      body: { apiVersion: `${FLEET_WORKSPACES.group}/${FLEET_WORKSPACES.version}`, kind: 'FleetWorkspace', metadata: { name } },
    });
  } catch (error) {
    if (apiStatusOf(error) === 409) throw alreadyExists(name);
    if (apiStatusOf(error) !== 404) throw error;
    via = 'namespace';
    try {
      await api.core.createNamespace({ body: { metadata: { name, annotations: { [WORKSPACE_ANNOTATION]: name } } } });
    } catch (nsError) {
      if (apiStatusOf(nsError) === 409) throw alreadyExists(name);
      throw nsError;
    }
  }
  if (via === 'fleetworkspace') await settle(bff.cache, () => bff.cache.workspaceExists(name));
  return { name, via };
}

function alreadyExists(name: string): BffError {
  return new BffError('conflict', `name: a workspace or namespace named "${name}" already exists`, 'name');
}

/**
 * Deletes a workspace and, with it, everything in it (the impact is computed first and returned).
 * fleet-local and fleet-default are refused. Without the FleetWorkspace API only a namespace that
 * is a workspace (annotated, or holding Fleet objects) is deleted — never any other namespace.
 */
export async function deleteWorkspace(bff: Bff, name: string): Promise<WorkspaceDeleted> {
  const refusal = deletionRefusal(name);
  if (refusal) throw new BffError('forbidden', refusal, 'ws');
  const impact = workspaceImpact(bff.cache, name);
  const api = new FleetApi(bff.kube.kc);
  try {
    await api.custom.deleteClusterCustomObject({ ...FLEET_WORKSPACES, name });
  } catch (error) {
    if (apiStatusOf(error) !== 404) throw error;
    if (await fleetWorkspaceApiServed(api)) throw notFound(name);
    await deleteWorkspaceNamespace(bff, api, name);
  }
  await settle(bff.cache, () => !bff.cache.workspaceExists(name));
  return { deleted: name, impact };
}

function notFound(name: string): BffError {
  return new BffError('not_found', `Workspace "${name}" does not exist`, 'ws');
}

async function fleetWorkspaceApiServed(api: FleetApi): Promise<boolean> {
  try {
    await api.custom.listClusterCustomObject({ ...FLEET_WORKSPACES, limit: 1 });
    return true;
  } catch (error) {
    if (apiStatusOf(error) === 404) return false;
    throw error;
  }
}

async function deleteWorkspaceNamespace(bff: Bff, api: FleetApi, name: string): Promise<void> {
  let annotated: boolean;
  try {
    const namespace = await api.core.readNamespace({ name });
    annotated = Boolean(namespace.metadata?.annotations?.[WORKSPACE_ANNOTATION]);
  } catch (error) {
    if (apiStatusOf(error) === 404) throw notFound(name);
    throw error;
  }
  if (!annotated && !bff.cache.workspaceExists(name)) throw notFound(name);
  await api.core.deleteNamespace({ name });
}
