import 'server-only';

import { cookies } from 'next/headers';

import { bffFor, identify, type Identity } from '@/server/auth/identity';
import { authMode } from '@/server/auth/mode';
import { SESSION_COOKIE } from '@/server/auth/session-cookie';
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
 * stream, readiness and metrics, which must answer while the cluster is away. Shared by every
 * person: in team mode, narrow it with `bffFor` (the route wrapper does) or {@link pageBff}.
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

/** The process-wide BFF context: the chosen cluster and its cache, synced before use. Not narrowed to anyone. */
export async function sharedBff(): Promise<Bff> {
  const bff = currentBff();
  const { kube, cache } = bff;
  if (!cache.synced && !(await cache.waitForSync(FIRST_SYNC_WAIT_MS))) {
    const problem = cache.stats().find((s) => s.lastError)?.lastError;
    throw new BffError('not_ready', `Fleet Deck is still loading objects from the cluster at ${kube.server}${problem ? ` (last error: ${problem})` : ''}`);
  }
  return bff;
}

/**
 * Who the page being rendered is for (server components): in team mode the person of the
 * request's session cookie — a 401 BffError without one — and in local mode the kubeconfig.
 */
export async function pageIdentity(bff: Bff): Promise<Identity> {
  const value = authMode() === 'none' ? undefined : (await cookies()).get(SESSION_COOKIE)?.value;
  return identify(bff, value);
}

/** A synced BFF narrowed to what the page's person may read (server components). */
export async function pageBff(bff: Bff): Promise<Bff> {
  return bffFor(bff, await pageIdentity(bff), { writes: false });
}

/** For server components: the synced BFF as the person the page is rendered for may read it. */
export async function getBff(): Promise<Bff> {
  return pageBff(await sharedBff());
}
