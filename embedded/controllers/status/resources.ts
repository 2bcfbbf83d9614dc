/**
 * `status.resources` of a GitRepo/HelmOp (contract §2.7, Fleet ≥ 0.12): every object deployed by
 * any of its BundleDeployments, with the clusters it is in per state.
 */
import { CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL } from '../../../lib/fleet/labels';
import { bundleDeploymentState, clusterId } from '../../../lib/fleet/state';
import type { BundleDeployment, PerClusterState, Resource } from '../../../lib/fleet/types';

/** Per-cluster id lists stop growing past this many bytes per object (Fleet keeps objects < ~1 MiB). */
export const MAX_PER_CLUSTER_BYTES = 1024 * 1024;

interface ResourceState {
  state: string;
  error?: boolean;
  transitioning?: boolean;
  message?: string;
  clusterId: string;
}

interface ObjectKey {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
}

/** `apps.deployment`, `configmap` (core), `fleet.cattle.io.bundle`: lower-case kind after the API group. */
export function resourceType(kind: string, apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  return group === '' ? kind.toLowerCase() : `${group}.${kind.toLowerCase()}`;
}

/** `ns/name`, or `name` for cluster-scoped objects. */
export function resourceId(namespace: string, name: string): string {
  return namespace === '' ? name : `${namespace}/${name}`;
}

function objectKey(object: { kind?: string; apiVersion?: string; namespace?: string; name?: string }): ObjectKey {
  return { kind: object.kind ?? '', apiVersion: object.apiVersion ?? '', namespace: object.namespace ?? '', name: object.name ?? '' };
}

const keyString = (key: ObjectKey) => `${key.kind}\u0000${key.apiVersion}\u0000${key.namespace}\u0000${key.name}`;

/** The state each object of one BD is in on its cluster. */
function deploymentResourceStates(bd: BundleDeployment): Map<string, { key: ObjectKey; entry: ResourceState }> {
  const labels = bd.metadata.labels ?? {};
  const cluster = clusterId(labels[CLUSTER_NAMESPACE_LABEL] ?? '', labels[CLUSTER_LABEL] ?? '');
  const bdState = bundleDeploymentState(bd);
  const status = bd.status ?? {};
  const fallback = bdState === 'NotReady' || bdState === 'Modified' ? (status.incompleteState ? 'Unknown' : 'Ready') : bdState;

  const states = new Map<string, { key: ObjectKey; entry: ResourceState }>();
  for (const resource of status.resources ?? []) {
    const key = objectKey(resource);
    states.set(keyString(key), { key, entry: { state: fallback, clusterId: cluster } });
  }
  for (const nonReady of status.nonReadyStatus ?? []) {
    const key = objectKey(nonReady);
    const entry: ResourceState = { state: nonReady.summary.state ?? '', clusterId: cluster };
    if (nonReady.summary.error) entry.error = true;
    if (nonReady.summary.transitioning) entry.transitioning = true;
    if (nonReady.summary.message && nonReady.summary.message.length > 0) entry.message = nonReady.summary.message.join('; ');
    states.set(keyString(key), { key, entry });
  }
  for (const modified of status.modifiedStatus ?? []) {
    const key = objectKey(modified);
    const state = modified.delete ? 'Orphaned' : modified.missing ? 'Missing' : 'Modified';
    states.set(keyString(key), { key, entry: { state, clusterId: cluster } });
  }
  return states;
}

const BUCKETS: Readonly<Record<string, keyof PerClusterState>> = {
  Ready: 'ready',
  WaitApplied: 'waitApplied',
  Pending: 'pending',
  Modified: 'modified',
  Orphaned: 'orphaned',
  Missing: 'missing',
  Unknown: 'unknown',
};

interface Accumulator {
  resource: Resource;
  perCluster: PerClusterState;
  bytes: number;
}

/**
 * Aggregates the objects of `deployments` (sorted by cluster id first, as Fleet does): each object
 * once, its clusters listed per state (kstatus states such as `updating`, and BD states like
 * ErrApplied/OutOfSync, count as `notReady`), its top-level state the first non-Ready one, the
 * list sorted by `type/id`.
 */
export function aggregateResources(deployments: readonly BundleDeployment[]): Resource[] {
  const sorted = [...deployments].sort((a, b) => {
    const ka = clusterKey(a);
    const kb = clusterKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const byKey = new Map<string, Accumulator>();
  for (const bd of sorted) {
    for (const [id, { key, entry }] of deploymentResourceStates(bd)) {
      let acc = byKey.get(id);
      if (!acc) {
        const perCluster: PerClusterState = {};
        acc = {
          resource: {
            apiVersion: key.apiVersion,
            kind: key.kind,
            type: resourceType(key.kind, key.apiVersion),
            id: resourceId(key.namespace, key.name),
            namespace: key.namespace,
            name: key.name,
            state: '',
            perClusterState: perCluster,
          },
          perCluster,
          bytes: 0,
        };
        byKey.set(id, acc);
      }
      if (acc.bytes < MAX_PER_CLUSTER_BYTES) {
        const bucket = BUCKETS[entry.state] ?? 'notReady';
        (acc.perCluster[bucket] ??= []).push(entry.clusterId);
        acc.bytes += entry.clusterId.length + 3;
      }
      const resource = acc.resource;
      if (resource.state === '' && entry.state !== 'Ready') {
        resource.state = entry.state;
        if (entry.error) resource.error = true;
        if (entry.transitioning) resource.transitioning = true;
        if (entry.message) resource.message = entry.message;
      }
    }
  }
  const resources = [...byKey.values()].map(({ resource }) => {
    if (resource.state === '') resource.state = 'Ready';
    return resource;
  });
  return resources.sort((a, b) => {
    const ka = `${a.type}/${a.id}`;
    const kb = `${b.type}/${b.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function clusterKey(bd: BundleDeployment): string {
  const labels = bd.metadata.labels ?? {};
  return clusterId(labels[CLUSTER_NAMESPACE_LABEL] ?? '', labels[CLUSTER_LABEL] ?? '');
}
