import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { prefetchListPage, type ListPageProps } from '@/components/table/server';

import { ClustersList } from './clusters-list';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Clusters' };

/** `/w/{ws}/clusters`: the first page comes from the BFF's cache with the HTML; the client takes over from there. */
export default async function ClustersPage(props: ListPageProps) {
  const { ws, state } = await prefetchListPage('clusters', props);
  return (
    <HydrationBoundary state={state}>
      <ClustersList ws={ws} />
    </HydrationBoundary>
  );
}
