import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { prefetchListPage, type ListPageProps } from '@/components/table/server';

import { GitReposList } from './gitrepos-list';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Git Repos' };

/** `/w/{ws}/gitrepos`: the first page comes from the BFF's cache with the HTML; the client takes over from there. */
export default async function GitReposPage(props: ListPageProps) {
  const { ws, state } = await prefetchListPage('gitrepos', props);
  return (
    <HydrationBoundary state={state}>
      <GitReposList ws={ws} />
    </HydrationBoundary>
  );
}
