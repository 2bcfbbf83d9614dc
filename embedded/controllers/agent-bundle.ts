/**
 * The per-cluster `fleet-agent-<cluster>` Bundle Fleet's agent management creates so the agent
 * itself is deployed (and counted) like any bundle: that is why a cluster with one app shows
 * `2/2` bundles ready. The simulated agent's manifest is small and the same for every cluster,
 * so all agent bundles share one Content object.
 */
import { BUNDLE_FINALIZER, FLEET_SYSTEM_NAMESPACE } from '../../lib/fleet/labels';
import { agentBundleName } from '../../lib/fleet/names';
import type { BundleSpec, Cluster } from '../../lib/fleet/types';

const AGENT_MANIFEST = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: fleet-agent
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fleet-agent
  labels:
    app: fleet-agent
spec:
  replicas: 1
  selector:
    matchLabels:
      app: fleet-agent
  template:
    metadata:
      labels:
        app: fleet-agent
    spec:
      serviceAccountName: fleet-agent
      containers:
        - name: fleet-agent
          image: rancher/fleet-agent:v0.16.1
          command: [fleetagent]
`;

/** Clusters labelled with this key run an agent Fleet does not manage (no agent bundle target). */
export const NON_MANAGED_AGENT_LABEL = 'fleet.cattle.io/non-managed-agent';

/** The agent namespace downstream (`spec.agentNamespace`, default `cattle-fleet-system`). */
export function agentNamespaceOf(cluster: Pick<Cluster, 'spec'>): string {
  return cluster.spec?.agentNamespace || FLEET_SYSTEM_NAMESPACE;
}

/** The agent Bundle of a cluster (in the cluster's own namespace). */
export function agentBundle(cluster: Cluster): { metadata: { name: string; namespace: string; finalizers: string[] }; spec: BundleSpec } {
  return {
    metadata: {
      name: agentBundleName(cluster.metadata.name),
      namespace: cluster.metadata.namespace ?? '',
      finalizers: [BUNDLE_FINALIZER],
    },
    spec: {
      defaultNamespace: agentNamespaceOf(cluster),
      helm: { takeOwnership: true },
      resources: [{ name: 'fleet-agent.yaml', content: AGENT_MANIFEST }],
      targets: [
        {
          clusterName: cluster.metadata.name,
          clusterSelector: { matchExpressions: [{ key: NON_MANAGED_AGENT_LABEL, operator: 'DoesNotExist' }] },
        },
      ],
    },
  };
}
