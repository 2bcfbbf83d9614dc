import type { Metadata } from 'next';

import { WorkspacesPage } from '@/components/workspaces/workspaces-page';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Workspaces' };

/** `/w/{ws}/workspaces`: the layout already prefetched the workspace summaries this page lists. */
export default async function Page({ params }: { params: Promise<{ ws: string }> }) {
  const ws = decodeURIComponent((await params).ws);
  return <WorkspacesPage ws={ws} />;
}
