import { route } from '@/server/http/route';
import { openApiDocument } from '@/server/http/openapi';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 description of every BFF endpoint, generated from the zod schemas. */
export const GET = route({ name: 'GET /api/openapi.json', withoutCache: true }, () =>
  Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } }),
);
