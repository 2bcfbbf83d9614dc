import { eventsQuerySchema } from '@/lib/api/events';
import { ALL_WORKSPACES } from '@/lib/api/schemas';
import { currentBff } from '@/server/bff';
import { changeStreamResponse } from '@/server/events/response';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events: batched change notices for one workspace (or `_all`) and the cluster
 * connection status. Opens at once, before the cache has synced, so that the stream can say
 * "not connected" instead of failing (EventSource gives up on an error status).
 */
export const GET = route({ name: 'GET /api/v1/events', query: eventsQuerySchema, withoutCache: true }, ({ request, query }) => {
  const { cache } = currentBff();
  return changeStreamResponse(request, cache, query.ws === ALL_WORKSPACES ? undefined : query.ws);
});
