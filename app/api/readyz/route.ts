import { probeCluster } from '@/server/kube/health';
import { errorBody } from '@/server/kube/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness: the management cluster answers `/version`. */
export async function GET(): Promise<Response> {
  const probe = await probeCluster();
  const headers = { 'Cache-Control': 'no-store' };
  if (probe.ok) {
    return Response.json({ ok: true, kubernetes: { gitVersion: probe.gitVersion } }, { headers });
  }
  return Response.json(errorBody(probe.failure), { status: 503, headers });
}
