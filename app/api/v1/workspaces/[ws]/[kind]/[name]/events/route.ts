import { eventsListQuerySchema, objectPathParamsSchema } from '@/lib/api/schemas';
import { route } from '@/server/http/route';
import { objectEvents } from '@/server/views/object-events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// GET /api/v1/workspaces/{ws}/{kind}/{name}/events – core/v1 Events about the object, newest first
export const GET = route(
  { name: 'GET /api/v1/workspaces/{ws}/{kind}/{name}/events', params: objectPathParamsSchema, query: eventsListQuerySchema },
  ({ params, query, bff }) => objectEvents(bff, params.kind, params.ws, params.name, query.limit),
);
