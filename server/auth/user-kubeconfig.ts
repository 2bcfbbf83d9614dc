import 'server-only';

import { KubeConfig } from '@kubernetes/client-node';

import { BffError } from '@/server/http/errors';

/**
 * A KubeConfig for one signed-in person: the dashboard's own cluster entry (server, CA, TLS
 * settings) with the person's bearer token instead of the dashboard's credentials, so whatever
 * is sent with it is decided by the API server for that person.
 */
export function kubeConfigWithToken(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new BffError('cluster_unreachable', 'The kubeconfig has no current cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'fleet-deck-user', token }],
    contexts: [{ name: 'fleet-deck-user', cluster: cluster.name, user: 'fleet-deck-user' }],
    currentContext: 'fleet-deck-user',
  });
  return kc;
}
