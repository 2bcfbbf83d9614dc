import 'server-only';

import { fleetCacheFor, type FleetCache } from '@/server/cache/fleet-cache';
import { BffError } from '@/server/http/errors';
import { getActiveKubeConfig, KubeConfigError, type ActiveKubeConfig } from '@/server/kube/config';

export interface Bff {
  kube: ActiveKubeConfig;
  cache: FleetCache;
}

/** How long a request waits for the first sync after start before answering 503. */
const FIRST_SYNC_WAIT_MS = 15_000;

/**
 * The process-wide BFF context right away, started but perhaps not synced yet: for the change
 * stream, readiness and metrics, which must answer while the cluster is away.
 */
export function currentBff(): Bff {
  let kube: ActiveKubeConfig;
  try {
    kube = getActiveKubeConfig();
  } catch (error) {
    if (error instanceof KubeConfigError) throw new BffError('cluster_unreachable', error.message);
    throw error;
  }
  return { kube, cache: fleetCacheFor(kube.kc) };
}

/** The process-wide BFF context: the chosen cluster and its cache, synced before use. */
export async function getBff(): Promise<Bff> {
  const bff = currentBff();
  const { kube, cache } = bff;
  if (!cache.synced && !(await cache.waitForSync(FIRST_SYNC_WAIT_MS))) {
    const problem = cache.stats().find((s) => s.lastError)?.lastError;
    throw new BffError('not_ready', `Fleet Deck is still loading objects from the cluster at ${kube.server}${problem ? ` (last error: ${problem})` : ''}`);
  }
  return bff;
}
