/**
 * The shell around every /w/{ws}/… page (components/shell): top bar with the workspace
 * combobox, side navigation, breadcrumbs (derived from the URL), connection banner and the
 * <main> landmark. For pages under it:
 *
 * - don't render <main> or breadcrumbs; start with one <h1> (components/ui/page-header.tsx);
 * - mark the page's search box `data-search-input` so "/" focuses it;
 * - the workspace summaries (`workspaceSummariesQuery()` in lib/api/workspace-queries.ts) are
 *   already in the query cache, prefetched here;
 * - the SSE stream for {ws} is open (lib/api/live-events.ts) and invalidates fleetKeys queries;
 * - in team mode the page's person is signed in (else the browser went to /sign-in), and the
 *   session (`useSession()` in lib/api/access.ts) is in the query cache.
 */
import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { Shell } from '@/components/shell/shell';
import { authKeys } from '@/lib/api/keys';
import { workspaceSummariesKey } from '@/lib/api/workspace-queries';
import { workspaceLabel } from '@/lib/routes';
import { requirePageSession } from '@/server/auth/page';
import { startPrefetch } from '@/server/ui/prefetch';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ ws: string }> }): Promise<Metadata> {
  const { ws } = await params;
  return { title: { default: workspaceLabel(decodeURIComponent(ws)), template: `%s · ${workspaceLabel(decodeURIComponent(ws))} · Fleet Deck` } };
}

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ ws: string }> }) {
  const { ws: raw } = await params;
  const ws = decodeURIComponent(raw);
  // Team mode: no valid session, no page (the sign-in page brings the browser back here).
  const session = await requirePageSession(`/w/${encodeURIComponent(ws)}`);
  const prefetch = await startPrefetch();
  prefetch.queryClient.setQueryData(authKeys.session(), session);
  prefetch.set(workspaceSummariesKey(), (bff) => bff.cache.workspaceSummaries());
  return (
    <HydrationBoundary state={prefetch.dehydrate()}>
      <Shell ws={ws} failure={prefetch.failure}>
        {children}
      </Shell>
    </HydrationBoundary>
  );
}
