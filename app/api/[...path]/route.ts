import { BffError } from '@/server/http/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Any /api path no route serves (`/api/v2/…`, `/api/v1/workspaces/../x` after normalisation, a
 * segment too many) gets a 404 in the BFF's error shape rather than the HTML not-found page.
 */
function notFound(request: Request): Response {
  const failure = new BffError('not_found', `No API endpoint at ${new URL(request.url).pathname}; /api/openapi.json lists them`);
  return Response.json(failure.toBody(), { status: failure.status, headers: { 'Cache-Control': 'no-store' } });
}

// Exported by name list: this is no API operation, so it has no row in server/http/openapi.ts.
export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
