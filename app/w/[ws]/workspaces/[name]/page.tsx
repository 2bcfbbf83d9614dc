import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { WorkspaceDetail } from '@/components/workspaces/workspace-detail';
import { workspaceDetailKey } from '@/lib/api/workspace-queries';
import { startPrefetch } from '@/server/ui/prefetch';
import { workspaceDetail } from '@/server/views/workspace';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Workspace ${decodeURIComponent((await params).name)}` };
}

/** `/w/{ws}/workspaces/{name}`: prefetches the workspace's counts and deletion impact. */
export default async function Page({ params }: { params: Promise<{ ws: string; name: string }> }) {
  const { ws, name } = await params;
  const workspace = decodeURIComponent(name);
  const prefetch = await startPrefetch();
  prefetch.set(workspaceDetailKey(workspace), (bff) => workspaceDetail(bff.cache, workspace));
  return (
    <HydrationBoundary state={prefetch.dehydrate()}>
      <WorkspaceDetail ws={decodeURIComponent(ws)} name={workspace} />
    </HydrationBoundary>
  );
}
