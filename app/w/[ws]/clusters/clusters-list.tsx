'use client';

import { ClusterBulkActions, ClusterDialogs, ClusterRowActions } from '@/components/actions/cluster-actions';
import { LabelTags, NameCell, ReadyCount, ResourcesCell, StateCell } from '@/components/table/cells';
import type { Column } from '@/components/table/data-table';
import { ListView, type ListContext } from '@/components/table/list-view';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ClusterRow } from '@/lib/api/schemas';

const columns = ({ update, allWorkspaces }: ListContext): Column<ClusterRow>[] => [
  {
    id: 'state',
    header: 'State',
    sort: 'state',
    cell: (row) => <StateCell state={row.state} bucket={row.bucket} message={row.message} failing={row.failing} ws={row.workspace} flags={row.paused ? ['Paused'] : undefined} />,
    skeleton: 'w-20',
  },
  {
    id: 'name',
    header: 'Name',
    sort: 'name',
    cell: (row) => <NameCell kind="clusters" row={row} label={row.displayName} secondary={row.displayName !== row.name ? row.name : undefined} />,
    skeleton: 'w-32',
  },
  { id: 'reposReady', header: 'Git Repos Ready', sort: 'reposReady', cell: (row) => <ReadyCount count={row.reposReady} none="No Git repo targets this cluster" warnWhenNone={false} />, skeleton: 'w-10' },
  { id: 'bundlesReady', header: 'Bundles Ready', sort: 'bundlesReady', cell: (row) => <ReadyCount count={row.bundlesReady} none="No bundles on this cluster" warnWhenNone={false} />, skeleton: 'w-10' },
  { id: 'resources', header: 'Resources', cell: (row) => <ResourcesCell counts={row.resources} />, className: 'hidden 2xl:table-cell', skeleton: 'w-24' },
  { id: 'lastSeen', header: 'Last Seen', sort: 'lastSeen', cell: (row) => <RelativeTime value={row.lastSeen} fallback="Never" className="whitespace-nowrap" />, skeleton: 'w-16' },
  { id: 'age', header: 'Age', sort: 'age', cell: (row) => <RelativeTime value={row.createdAt} className="whitespace-nowrap" />, className: allWorkspaces ? 'hidden 2xl:table-cell' : 'hidden xl:table-cell', skeleton: 'w-16' },
  {
    id: 'labels',
    header: 'Labels',
    cell: (row) => <LabelTags labels={row.labels} onPick={(selector) => update({ label: selector })} />,
    className: 'hidden md:table-cell',
    skeleton: 'w-32',
  },
];

export function ClustersList({ ws }: { ws: string }) {
  const single = ws !== '_all';
  return (
    <>
      <ListView
        kind="clusters"
        ws={ws}
        title="Clusters"
        description={`Downstream clusters registered with Fleet, ${single ? `in ${ws}` : 'in every workspace'}. Click a label to show the clusters that have it.`}
        noun={{ one: 'cluster', many: 'clusters' }}
        columns={columns}
        searchLabel="Search clusters"
        searchPlaceholder="Search name or label"
        labelFilter
        empty={() => (
          <EmptyState
            className="m-4 border-0"
            icon="clusters"
            title={single ? `No clusters in ${ws}` : 'No clusters in any workspace'}
            message={
              <>
                Clusters register themselves: install the Fleet agent on a cluster with a registration token of this workspace, or create a Cluster object with a
                kubeconfig secret (<code className="font-mono">kubectl apply</code>). It shows up here as soon as Fleet sees it.
              </>
            }
          />
        )}
        rowActions={(row) => <ClusterRowActions row={row} />}
        bulkActions={({ rows, clear }) => <ClusterBulkActions rows={rows} clear={clear} />}
      />
      <ClusterDialogs ws={ws} />
    </>
  );
}
