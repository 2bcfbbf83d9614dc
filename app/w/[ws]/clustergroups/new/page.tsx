import type { Metadata } from 'next';

import { ClusterGroupEditor } from '@/components/clustergroup-editor/clustergroup-editor';

export const metadata: Metadata = { title: 'Create cluster group' };

interface Props {
  params: Promise<{ ws: string }>;
}

/** `/w/{ws}/clustergroups/new` (a static segment, so it wins over `[name]`): the Cluster Group editor. */
export default async function Page({ params }: Props) {
  const { ws } = await params;
  return <ClusterGroupEditor ws={ws} mode="create" />;
}
