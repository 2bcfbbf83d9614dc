/**
 * Per Cluster (Fleet's cluster and agent-management controllers, contract §4.3–4.4, §5):
 * - finalizer `fleet.cattle.io/cluster-finalizer`;
 * - the cluster namespace `cluster-<ns>-<name>-<hash>` (label `fleet.cattle.io/managed=true`,
 *   annotations naming the Cluster) recorded in `status.namespace`;
 * - the `fleet-agent-<cluster>` Bundle, so the agent's own BundleDeployment counts in the
 *   cluster's summary like in real Fleet;
 * - on deletion: the agent Bundle and the cluster namespace (with its BundleDeployments) go, then
 *   the finalizer is released.
 */
import {
  CLUSTER_ANNOTATION,
  CLUSTER_FINALIZER,
  CLUSTER_NAMESPACE_ANNOTATION,
  MANAGED_LABEL,
} from '../../lib/fleet/labels';
import { agentBundleName, clusterNamespaceName } from '../../lib/fleet/names';
import type { Bundle, Cluster } from '../../lib/fleet/types';
import type { KubeObject } from '../../lib/k8s/object';
import { canonicalJson } from '../apiserver/registry';
import type { ChangeEvent } from '../apiserver/object-store';
import { agentBundle } from './agent-bundle';
import type { ControllerClient } from './client';
import { keyOf } from './fleet-index';
import type { Controller, ReconcileResult } from './runtime';
import { splitKey } from './runtime';
import { writeStatusFields } from './status/write';

export const CLUSTER_CONTROLLER = 'fleet-cluster';

export interface ClusterControllerOptions {
  /** Create the `fleet-agent-<cluster>` bundle (default true). */
  agentBundles?: boolean;
  /** Reconciles running at once (cheap, synchronous work; default 1). */
  concurrency?: number;
}

export function createClusterController(client: ControllerClient, options: ClusterControllerOptions = {}): Controller {
  const withAgentBundles = options.agentBundles ?? true;

  const cleanup = (cluster: Cluster): ReconcileResult | void => {
    const namespace = cluster.metadata.namespace ?? '';
    client.delete('bundles', namespace, agentBundleName(cluster.metadata.name));
    const clusterNamespace = cluster.status?.namespace ?? clusterNamespaceName(namespace, cluster.metadata.name);
    const ns = client.get('namespaces', undefined, clusterNamespace);
    if (ns && isOurNamespace(ns, cluster)) client.delete('namespaces', undefined, clusterNamespace);
    client.removeFinalizer('clusters', cluster, CLUSTER_FINALIZER);
  };

  const reconcile = (key: string): ReconcileResult | void => {
    const { namespace, name } = splitKey(key);
    const cluster = client.get<Cluster>('clusters', namespace, name);
    if (!cluster) return;
    if (cluster.metadata.deletionTimestamp) {
      if (cluster.metadata.finalizers?.includes(CLUSTER_FINALIZER)) return cleanup(cluster);
      return;
    }
    client.addFinalizer('clusters', cluster, CLUSTER_FINALIZER);

    const clusterNamespace = clusterNamespaceName(namespace ?? '', name);
    const existing = client.get('namespaces', undefined, clusterNamespace);
    if (existing?.metadata.deletionTimestamp) {
      // A previous cluster of the same name is still being cleaned up.
      return { requeueAfterMs: 500 };
    }
    if (!existing) {
      client.create('namespaces', {
        metadata: {
          name: clusterNamespace,
          labels: { [MANAGED_LABEL]: 'true' },
          annotations: { [CLUSTER_NAMESPACE_ANNOTATION]: namespace ?? '', [CLUSTER_ANNOTATION]: name },
        },
      });
    }
    if (cluster.status?.namespace !== clusterNamespace) {
      writeStatusFields<Cluster>(client, 'clusters', namespace, name, () => ({ namespace: clusterNamespace }));
    }

    if (withAgentBundles) {
      const desired = agentBundle(cluster);
      const current = client.get<Bundle>('bundles', namespace, desired.metadata.name);
      if (!current) {
        client.create('bundles', desired);
      } else if (!current.metadata.deletionTimestamp && !sameAgentSpec(current, desired.spec)) {
        client.mutate<Bundle>('bundles', namespace, desired.metadata.name, (bundle) => ({
          ...bundle,
          spec: { ...bundle.spec, ...desired.spec },
        }));
      }
    }
  };

  return {
    name: CLUSTER_CONTROLLER,
    concurrency: options.concurrency,
    watches: {
      clusters: (event: ChangeEvent) => {
        if (event.type === 'DELETED') return [];
        const cluster = event.current.object as Cluster;
        const previous = event.previous?.object as Cluster | undefined;
        if (event.type === 'MODIFIED' && previous && !clusterChanged(previous, cluster)) return [];
        return [keyOf(cluster)];
      },
      namespaces: (event: ChangeEvent) => {
        // A cluster namespace that disappears (or starts terminating) is put back.
        const annotations = event.current.object.metadata.annotations ?? {};
        const clusterName = annotations[CLUSTER_ANNOTATION];
        const clusterNs = annotations[CLUSTER_NAMESPACE_ANNOTATION];
        if (!clusterName || clusterNs === undefined) return [];
        if (event.type === 'DELETED' || event.current.object.metadata.deletionTimestamp) return [`${clusterNs}/${clusterName}`];
        return [];
      },
      bundles: (event: ChangeEvent) => {
        // The agent bundle was deleted or edited: restore it.
        if (!withAgentBundles || event.type === 'ADDED') return [];
        const bundle = event.current.object;
        if (!bundle.metadata.name.startsWith('fleet-agent-')) return [];
        const cluster = bundle.metadata.name.slice('fleet-agent-'.length);
        const key = `${bundle.metadata.namespace ?? ''}/${cluster}`;
        return client.get('clusters', bundle.metadata.namespace, cluster) ? [key] : [];
      },
    },
    initialKeys: () => client.list('clusters').map(keyOf),
    reconcile,
  };
}

function isOurNamespace(ns: KubeObject, cluster: Cluster): boolean {
  const annotations = ns.metadata.annotations ?? {};
  return annotations[CLUSTER_ANNOTATION] === cluster.metadata.name && annotations[CLUSTER_NAMESPACE_ANNOTATION] === cluster.metadata.namespace;
}

function sameAgentSpec(current: Bundle, desired: Bundle['spec']): boolean {
  const spec = (current.spec ?? {}) as Record<string, unknown>;
  return Object.entries(desired ?? {}).every(([key, value]) => canonicalJson(spec[key]) === canonicalJson(value));
}

function clusterChanged(previous: Cluster, current: Cluster): boolean {
  return (
    previous.metadata.deletionTimestamp !== current.metadata.deletionTimestamp ||
    !(current.metadata.finalizers ?? []).includes(CLUSTER_FINALIZER) ||
    previous.status?.namespace !== current.status?.namespace ||
    previous.metadata.generation !== current.metadata.generation
  );
}
