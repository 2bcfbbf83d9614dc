import 'server-only';

/** 201 with a JSON body, uncached like every BFF answer. */
export function created(body: unknown): Response {
  return Response.json(body, { status: 201, headers: { 'Cache-Control': 'no-store' } });
}
