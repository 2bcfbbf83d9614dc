/**
 * What standalone Fleet's bootstrap (and Rancher) create in the two default workspaces
 * (contract §3 "Special workspaces"): in `fleet-local` the Cluster `local` (label `name: local`,
 * agent namespace `cattle-fleet-local-system`, kubeconfig Secret `local-cluster`) and the
 * ClusterGroup `default` selecting it, so a GitRepo without targets lands on the local cluster;
 * `fleet-default` only gets its namespace — no `default` group, as under Rancher.
 *
 * Idempotent, run on every start: only missing objects are created, existing ones (possibly
 * edited by users) are left alone.
 */
import {
  DEFAULT_CLUSTER_GROUP,
  FLEET_LOCAL_NAMESPACE,
  FLEET_LOCAL_SYSTEM_NAMESPACE,
  LOCAL_CLUSTER_NAME,
  LOCAL_CLUSTER_NAME_LABEL,
} from '../../lib/fleet/labels';
import type { ControllerClient } from './client';

/** Name of the Secret holding the local cluster's kubeconfig (standalone Fleet's bootstrap). */
export const LOCAL_KUBECONFIG_SECRET = 'local-cluster';

/** The kubeconfig an in-cluster agent would use; the local cluster is simulated, so it is only shown. */
const LOCAL_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: local',
  '  cluster:',
  '    server: https://kubernetes.default.svc.cluster.local:443',
  'users:',
  '- name: local',
  '  user: {}',
  'contexts:',
  '- name: local',
  '  context:',
  '    cluster: local',
  '    user: local',
  'current-context: local',
  '',
].join('\n');

export interface BootstrapResult {
  created: string[];
}

export function bootstrapWorkspaces(client: ControllerClient): BootstrapResult {
  const created: string[] = [];
  // The workspaces themselves come from the API server's first start (embedded/bootstrap.ts).
  if (!client.get('namespaces', undefined, FLEET_LOCAL_NAMESPACE)) return { created };
  if (!client.get('secrets', FLEET_LOCAL_NAMESPACE, LOCAL_KUBECONFIG_SECRET)) {
    client.create('secrets', {
      metadata: { name: LOCAL_KUBECONFIG_SECRET, namespace: FLEET_LOCAL_NAMESPACE },
      type: 'Opaque',
      data: { value: Buffer.from(LOCAL_KUBECONFIG, 'utf8').toString('base64') },
    });
    created.push(`secret/${FLEET_LOCAL_NAMESPACE}/${LOCAL_KUBECONFIG_SECRET}`);
  }
  if (!client.get('clusters', FLEET_LOCAL_NAMESPACE, LOCAL_CLUSTER_NAME)) {
    client.create('clusters', {
      metadata: {
        name: LOCAL_CLUSTER_NAME,
        namespace: FLEET_LOCAL_NAMESPACE,
        labels: { [LOCAL_CLUSTER_NAME_LABEL]: LOCAL_CLUSTER_NAME },
      },
      spec: { kubeConfigSecret: LOCAL_KUBECONFIG_SECRET, agentNamespace: FLEET_LOCAL_SYSTEM_NAMESPACE },
    });
    created.push(`cluster/${FLEET_LOCAL_NAMESPACE}/${LOCAL_CLUSTER_NAME}`);
  }
  if (!client.get('clustergroups', FLEET_LOCAL_NAMESPACE, DEFAULT_CLUSTER_GROUP)) {
    client.create('clustergroups', {
      metadata: { name: DEFAULT_CLUSTER_GROUP, namespace: FLEET_LOCAL_NAMESPACE },
      spec: { selector: { matchLabels: { [LOCAL_CLUSTER_NAME_LABEL]: LOCAL_CLUSTER_NAME } } },
    });
    created.push(`clustergroup/${FLEET_LOCAL_NAMESPACE}/${DEFAULT_CLUSTER_GROUP}`);
  }
  return { created };
}
