import type { Metadata } from 'next';

import type { Prefetched } from '@/components/detail/detail-frame';
import { DETAIL_PAGE_SIZE } from '@/components/detail/format';
import { GitRepoDetailView } from '@/components/detail/gitrepo-detail';
import { prefetchDetail } from '@/server/views/detail-prefetch';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ ws: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name} · Git Repo` };
}

/** Git Repo detail: prefetched on the server, then kept live in the browser by the SSE stream. */
export default async function Page({ params }: Props) {
  const { ws, name } = await params;
  const prefetched = (await prefetchDetail('gitrepos', ws, name, DETAIL_PAGE_SIZE)) as Prefetched<'gitrepos'>;
  return <GitRepoDetailView ws={ws} name={name} prefetched={prefetched} />;
}
