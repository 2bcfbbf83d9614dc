import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { prefetchListPage, type ListPageProps } from '@/components/table/server';

import { ClusterGroupsList } from './clustergroups-list';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Cluster Groups' };

/** `/w/{ws}/clustergroups`: the first page comes from the BFF's cache with the HTML; the client takes over from there. */
export default async function ClusterGroupsPage(props: ListPageProps) {
  const { ws, state } = await prefetchListPage('clustergroups', props);
  return (
    <HydrationBoundary state={state}>
      <ClusterGroupsList ws={ws} />
    </HydrationBoundary>
  );
}
