import 'server-only';

import type { ActionResult, ClusterAction, ClusterLabelsPatch, GitRepoAction, ObjectWritten } from '@/lib/api/schemas';
import { FLEET_LOCAL_NAMESPACE, LOCAL_CLUSTER_NAME } from '@/lib/fleet/labels';
import type { Cluster } from '@/lib/fleet/types';
import type { KubeObject } from '@/lib/k8s/object';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';
import { apiStatusOf } from '@/server/kube/errors';
import { FleetApi } from '@/server/kube/fleet-api';
import { WORKSPACE_ANNOTATION } from '@/server/kube/workspaces';
import { toObjectDto } from '@/server/views/details';

import { settleDelete, settleWrite } from './settle';

/**
 * The row actions of Rancher's Continuous Delivery pages, written as Fleet expects them
 * (contract §6, UI inventory §4.2): spec flags by JSON merge patch, "Force Update" as a
 * generation counter + 1 guarded by resourceVersion so two clicks are two bumps.
 */

type Patchable = 'gitrepos' | 'clusters';

const GITREPO_FLAGS: Record<Exclude<GitRepoAction, 'forceUpdate'>, Record<string, boolean>> = {
  pause: { paused: true },
  unpause: { paused: false },
  enablePolling: { disablePolling: false },
  disablePolling: { disablePolling: true },
};

const CLUSTER_FLAGS: Record<'pause' | 'unpause', Record<string, boolean>> = {
  pause: { paused: true },
  unpause: { paused: false },
};

/** Spec field that "Force Update" increments, per kind. */
const FORCE_FIELDS: Record<Patchable, string> = {
  gitrepos: 'forceSyncGeneration',
  clusters: 'redeployAgentGeneration',
};

export async function gitRepoAction(bff: Bff, workspace: string, name: string, action: GitRepoAction): Promise<ActionResult> {
  const written = action === 'forceUpdate' ? await bump(bff, 'gitrepos', workspace, name) : await setFlags(bff, 'gitrepos', workspace, name, GITREPO_FLAGS[action]);
  return { action, object: toObjectDto(written), dryRun: false };
}

export async function clusterAction(bff: Bff, workspace: string, name: string, action: Exclude<ClusterAction, 'move'>): Promise<ActionResult> {
  const written = action === 'forceUpdate' ? await bump(bff, 'clusters', workspace, name) : await setFlags(bff, 'clusters', workspace, name, CLUSTER_FLAGS[action]);
  return { action, object: toObjectDto(written), dryRun: false };
}

async function setFlags(bff: Bff, plural: Patchable, workspace: string, name: string, flags: Record<string, boolean>): Promise<KubeObject> {
  const before = bff.cache.object(plural, workspace, name)?.metadata.resourceVersion;
  const written = await new FleetApi(bff.kube.kc).mergePatch(plural, workspace, name, { spec: flags });
  await settleWrite(bff.cache, plural, written, before);
  return written;
}

const BUMP_ATTEMPTS = 3;

async function bump(bff: Bff, plural: Patchable, workspace: string, name: string): Promise<KubeObject> {
  const api = new FleetApi(bff.kube.kc);
  const field = FORCE_FIELDS[plural];
  for (let attempt = 1; ; attempt++) {
    const current = await api.get(plural, workspace, name);
    const value = (current.spec as Record<string, unknown> | undefined)?.[field];
    const next = (typeof value === 'number' && Number.isFinite(value) ? value : 0) + 1;
    try {
      const written = await api.mergePatch(plural, workspace, name, { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: { [field]: next } });
      await settleWrite(bff.cache, plural, written, current.metadata.resourceVersion);
      return written;
    } catch (error) {
      // Someone else wrote in between: read again and bump what is there now.
      if (apiStatusOf(error) !== 409 || attempt >= BUMP_ATTEMPTS) throw error;
    }
  }
}

/** Sets and removes labels of a Cluster in one merge patch (`null` removes). */
export async function patchClusterLabels(bff: Bff, workspace: string, name: string, body: ClusterLabelsPatch): Promise<ObjectWritten> {
  const labels: Record<string, string | null> = { ...body.set };
  for (const key of body.remove) labels[key] = null;
  const before = bff.cache.object('clusters', workspace, name)?.metadata.resourceVersion;
  const written = await new FleetApi(bff.kube.kc).mergePatch('clusters', workspace, name, {
    metadata: { labels, ...(body.resourceVersion ? { resourceVersion: body.resourceVersion } : {}) },
  });
  await settleWrite(bff.cache, 'clusters', written, before);
  return { object: toObjectDto(written), dryRun: false };
}

/**
 * Moves a Cluster to another workspace the way standalone Fleet allows it: the Cluster is created
 * again in the target workspace with the same labels, annotations and spec, then the old one is
 * deleted (Fleet then removes its BundleDeployments and deploys what targets it in the new
 * workspace). A kubeconfig Secret stays where it is and is referenced across namespaces. If the
 * old Cluster cannot be deleted, the new one is removed again.
 */
export async function moveCluster(bff: Bff, workspace: string, name: string, to: string): Promise<ActionResult> {
  if (name === LOCAL_CLUSTER_NAME) throw new BffError('forbidden', 'The local cluster cannot be moved to another workspace', 'name');
  if (to === workspace) throw new BffError('invalid', `to: the cluster is already in workspace "${to}"`, 'to');
  if (to === FLEET_LOCAL_NAMESPACE) throw new BffError('invalid', `to: ${FLEET_LOCAL_NAMESPACE} holds only the local cluster`, 'to');
  const api = new FleetApi(bff.kube.kc);
  if (!(await workspaceExists(bff, api, to))) throw new BffError('invalid', `to: workspace "${to}" does not exist`, 'to');

  const current = await api.get<Cluster>('clusters', workspace, name);
  const spec = { ...(current.spec ?? {}) };
  if (spec.kubeConfigSecret && !spec.kubeConfigSecretNamespace) spec.kubeConfigSecretNamespace = workspace;
  const { labels, annotations } = current.metadata;
  let moved: Cluster;
  try {
    moved = await api.create<Cluster>('clusters', to, { metadata: { name, namespace: to, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) }, spec });
  } catch (error) {
    if (apiStatusOf(error) === 409) throw new BffError('conflict', `to: workspace "${to}" already has a cluster named "${name}"`, 'to');
    throw error;
  }
  try {
    await api.delete('clusters', workspace, name, { uid: current.metadata.uid });
  } catch (error) {
    await api.delete('clusters', to, name).catch((cleanup: unknown) => {
      console.error(`[clusters] could not remove ${to}/${name} after a failed move: ${(cleanup as Error)?.message ?? String(cleanup)}`);
    });
    throw error;
  }
  await Promise.all([settleWrite(bff.cache, 'clusters', moved), settleDelete(bff.cache, 'clusters', workspace, name)]);
  return { action: 'move', object: toObjectDto(moved), dryRun: false };
}

/** A workspace Fleet Deck knows, or (without Rancher's FleetWorkspace API) a namespace marked as one. */
async function workspaceExists(bff: Bff, api: FleetApi, name: string): Promise<boolean> {
  if (bff.cache.workspaceExists(name)) return true;
  try {
    const namespace = await api.core.readNamespace({ name });
    return Boolean(namespace.metadata?.annotations?.[WORKSPACE_ANNOTATION]);
  } catch (error) {
    if (apiStatusOf(error) === 404) return false;
    throw error;
  }
}
