export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness: the Next.js process is up. Never touches the cluster. */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
