import { currentBff } from '@/server/bff';
import { route } from '@/server/http/route';
import { metricsText } from '@/server/http/runtime-metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Prometheus metrics: request latencies, cache sizes and health, watch restarts, open streams. */
export const GET = route({ name: 'GET /api/metrics', withoutCache: true }, () => {
  let cache;
  try {
    cache = currentBff().cache;
  } catch {
    cache = undefined; // no cluster configured: serve what there is
  }
  return new Response(metricsText(cache), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});
