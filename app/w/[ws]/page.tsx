import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { ATTENTION_SLICES } from '@/components/dashboard/attention';
import { Dashboard } from '@/components/dashboard/dashboard';
import { fleetKeys } from '@/lib/api/keys';
import { ALL_WORKSPACES, listQuerySchema } from '@/lib/api/schemas';
import { startPrefetch } from '@/server/ui/prefetch';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Dashboard' };

/** `/w/{ws}`: prefetches the "Needs attention" rows (the layout has the counts), then renders the client dashboard. */
export default async function DashboardPage({ params }: { params: Promise<{ ws: string }> }) {
  const ws = decodeURIComponent((await params).ws);
  const prefetch = await startPrefetch();
  const workspace = ws === ALL_WORKSPACES ? undefined : ws;
  if (prefetch.bff && (!workspace || prefetch.bff.cache.workspaceExists(workspace))) {
    for (const slice of ATTENTION_SLICES) {
      prefetch.set(fleetKeys.list(slice.kind, ws, slice.query), (bff) => bff.cache.list(slice.kind, workspace, listQuerySchema.parse(slice.query)));
    }
  }
  return (
    <HydrationBoundary state={prefetch.dehydrate()}>
      <Dashboard ws={ws} />
    </HydrationBoundary>
  );
}
