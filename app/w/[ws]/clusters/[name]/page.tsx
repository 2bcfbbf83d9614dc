import type { Metadata } from 'next';

import type { Prefetched } from '@/components/detail/detail-frame';
import { DETAIL_PAGE_SIZE } from '@/components/detail/format';
import { ClusterDetailView } from '@/components/detail/cluster-detail';
import { prefetchDetail } from '@/server/views/detail-prefetch';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ ws: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name} · Cluster` };
}

/** Cluster detail: prefetched on the server, then kept live in the browser by the SSE stream. */
export default async function Page({ params }: Props) {
  const { ws, name } = await params;
  const prefetched = (await prefetchDetail('clusters', ws, name, DETAIL_PAGE_SIZE)) as Prefetched<'clusters'>;
  return <ClusterDetailView ws={ws} name={name} prefetched={prefetched} />;
}
