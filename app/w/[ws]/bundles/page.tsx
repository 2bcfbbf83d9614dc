import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { prefetchListPage, type ListPageProps } from '@/components/table/server';

import { BundlesList } from './bundles-list';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Bundles' };

/** `/w/{ws}/bundles`: the first page comes from the BFF's cache with the HTML; the client takes over from there. */
export default async function BundlesPage(props: ListPageProps) {
  const { ws, state } = await prefetchListPage('bundles', props);
  return (
    <HydrationBoundary state={state}>
      <BundlesList ws={ws} />
    </HydrationBoundary>
  );
}
