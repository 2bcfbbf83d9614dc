import 'server-only';

import type { CreateClusterGroupBody, ObjectDeleted, ObjectWritten, UpdateClusterGroupBody } from '@/lib/api/schemas';
import { clusterGroupSpecSchema } from '@/lib/fleet/schemas';
import type { ClusterGroup } from '@/lib/fleet/types';
import type { Bff } from '@/server/bff';
import { fromKubeError } from '@/server/http/errors';
import { FleetApi } from '@/server/kube/fleet-api';
import { toObjectDto } from '@/server/views/details';

import { checkVersion, mergeSpec, updatedObject, validateSpec } from './objects';
import { onlyStatusMoved } from './replace-object';
import { settleDelete, settleWrite } from './settle';

export async function createClusterGroup(bff: Bff, workspace: string, body: CreateClusterGroupBody, dryRun: boolean): Promise<ObjectWritten> {
  const created = await new FleetApi(bff.kube.kc).create<ClusterGroup>(
    'clustergroups',
    workspace,
    { metadata: { ...body.metadata, namespace: workspace }, spec: body.spec },
    { dryRun },
  );
  if (!dryRun) await settleWrite(bff.cache, 'clustergroups', created);
  return { object: toObjectDto(created), dryRun };
}

/**
 * Same rules as a GitRepo update: only sent spec fields change, `selector: null` removes the
 * selector. Fleet rewrites a group's status whenever a member cluster changes, which moves its
 * resourceVersion; a write refused for that alone (the object checked and the stored one differ
 * only in status, see {@link onlyStatusMoved}) is made again on the newer version instead of
 * surfacing as a conflict nobody caused.
 */
export async function updateClusterGroup(bff: Bff, workspace: string, name: string, body: UpdateClusterGroupBody, dryRun: boolean): Promise<ObjectWritten> {
  const api = new FleetApi(bff.kube.kc);
  const current = await api.get<ClusterGroup>('clustergroups', workspace, name);
  checkVersion(current, body.metadata.resourceVersion);
  const spec = validateSpec(clusterGroupSpecSchema, mergeSpec(current.spec, body.spec));
  const object = updatedObject(current, body.metadata, spec);
  let written: ClusterGroup;
  try {
    written = await api.replace<ClusterGroup>('clustergroups', workspace, name, object, { dryRun });
  } catch (error) {
    if (fromKubeError(error).code !== 'conflict') throw error;
    const latest = await api.get<ClusterGroup>('clustergroups', workspace, name);
    if (!onlyStatusMoved(current, latest)) throw error;
    written = await api.replace<ClusterGroup>('clustergroups', workspace, name, { ...object, metadata: { ...object.metadata, resourceVersion: latest.metadata.resourceVersion } }, { dryRun });
  }
  if (!dryRun) await settleWrite(bff.cache, 'clustergroups', written, current.metadata.resourceVersion);
  return { object: toObjectDto(written), dryRun };
}

/** The GitRepos that lose this group's clusters are listed beforehand by the group's detail (`relations.gitRepos`). */
export async function deleteClusterGroup(bff: Bff, workspace: string, name: string): Promise<ObjectDeleted> {
  await new FleetApi(bff.kube.kc).delete('clustergroups', workspace, name);
  await settleDelete(bff.cache, 'clustergroups', workspace, name);
  return { deleted: { kind: 'clustergroups', workspace, name } };
}
