import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Every workspace with counts of its objects by state bucket. */
export const GET = route({ name: 'GET /api/v1/workspaces' }, ({ bff }) => ({ items: bff.cache.workspaceSummaries() }));
