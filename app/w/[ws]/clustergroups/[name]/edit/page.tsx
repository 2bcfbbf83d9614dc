import type { Metadata } from 'next';

import { ClusterGroupEditor } from '@/components/clustergroup-editor/clustergroup-editor';
import type { Prefetched } from '@/components/detail/detail-frame';
import { DETAIL_PAGE_SIZE } from '@/components/detail/format';
import { prefetchDetail } from '@/server/views/detail-prefetch';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ ws: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Edit ${name} · Cluster Group` };
}

/** `/w/{ws}/clustergroups/{name}/edit`: the editor, started from the group as the BFF has it now. */
export default async function Page({ params }: Props) {
  const { ws, name } = await params;
  const prefetched = (await prefetchDetail('clustergroups', ws, name, DETAIL_PAGE_SIZE)) as Prefetched<'clustergroups'>;
  return <ClusterGroupEditor ws={ws} mode="edit" name={name} prefetched={prefetched} />;
}
