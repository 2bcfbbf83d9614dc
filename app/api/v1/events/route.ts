import { eventsQuerySchema } from '@/lib/api/events';
import { ALL_WORKSPACES } from '@/lib/api/schemas';
import { liveScopedCache } from '@/server/auth/identity';
import { currentBff } from '@/server/bff';
import { changeStreamResponse } from '@/server/events/response';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events: batched change notices for one workspace (or `_all`) and the cluster
 * connection status. Opens at once, before the cache has synced, so that the stream can say
 * "not connected" instead of failing (EventSource gives up on an error status). In team mode the
 * notices are only those about objects the signed-in person may read, and the stream ends with
 * their session.
 */
export const GET = route({ name: 'GET /api/v1/events', query: eventsQuerySchema, withoutCache: true }, ({ request, query, identity }) => {
  const bff = currentBff();
  const until = identity.expiresAt === undefined ? undefined : AbortSignal.timeout(Math.max(1, identity.expiresAt - Date.now()));
  const scoped = until ? new Request(request, { signal: AbortSignal.any([request.signal, until]) }) : request;
  return changeStreamResponse(scoped, liveScopedCache(bff, identity), query.ws === ALL_WORKSPACES ? undefined : query.ws);
});
