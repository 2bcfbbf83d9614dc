import { currentBff } from '@/server/bff';
import { BffError } from '@/server/http/errors';
import { route } from '@/server/http/route';
import { probeCluster } from '@/server/kube/health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Readiness: the cache has listed every kind, its watches are up, and the management cluster
 * answers `/version` now. Otherwise 503 `not_ready` saying which of these is missing.
 */
export const GET = route({ name: 'GET /api/readyz', withoutCache: true }, async () => {
  let bff;
  try {
    bff = currentBff();
  } catch (error) {
    throw new BffError('not_ready', error instanceof Error ? error.message : String(error));
  }
  const { cache, kube } = bff;
  const probe = await probeCluster();
  if (!probe.ok) throw new BffError('not_ready', probe.failure.message);
  if (!cache.synced) {
    const problem = cache.stats().find((s) => s.lastError)?.lastError;
    throw new BffError('not_ready', `Still loading objects from the cluster at ${kube.server}${problem ? ` (last error: ${problem})` : ''}`);
  }
  if (!cache.healthy) {
    const problem = cache.stats().find((s) => !s.healthy && s.lastError);
    throw new BffError('not_ready', `Reconnecting to the cluster at ${kube.server}${problem ? ` (${problem.kind}: ${problem.lastError})` : ''}`);
  }
  return { ok: true, kubernetes: { gitVersion: probe.gitVersion }, cache: { synced: true, healthy: true } };
});
