'use client';

import { GatedLink } from '@/components/actions/access-gate';
import { ClusterGroupBulkActions, ClusterGroupDialogs, ClusterGroupRowActions } from '@/components/actions/clustergroup-actions';
import { NameCell, ReadyCount, StateCell, TextCell } from '@/components/table/cells';
import type { Column } from '@/components/table/data-table';
import { ListView } from '@/components/table/list-view';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ClusterGroupRow } from '@/lib/api/schemas';
import { newClusterGroupHref } from '@/lib/routes';

function nonReady(row: ClusterGroupRow): string | undefined {
  if (row.nonReadyClusterCount === 0) return undefined;
  const names = row.nonReadyClusters;
  const more = row.nonReadyClusterCount - names.length;
  return `Not ready: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function ClustersCell({ row }: { row: ClusterGroupRow }) {
  const hint = nonReady(row);
  if (row.clusterCount === 0) return <ReadyCount count={{ ready: 0, desired: 0 }} none="The selector matches no cluster" />;
  return (
    <span className="inline-flex flex-col">
      <ReadyCount count={{ ready: row.clusterCount - row.nonReadyClusterCount, desired: row.clusterCount }} names={hint} />
      {hint ? <span className="sr-only">{hint}</span> : null}
    </span>
  );
}

const columns = (): Column<ClusterGroupRow>[] => [
  { id: 'state', header: 'State', sort: 'state', cell: (row) => <StateCell state={row.state} bucket={row.bucket} message={row.message} failing={row.failing} ws={row.workspace} />, skeleton: 'w-20' },
  { id: 'name', header: 'Name', sort: 'name', cell: (row) => <NameCell kind="clustergroups" row={row} />, skeleton: 'w-32' },
  { id: 'selector', header: 'Selector', cell: (row) => <TextCell text={row.selector} mono />, skeleton: 'w-40' },
  { id: 'clusters', header: 'Clusters Ready', sort: 'clusters', cell: (row) => <ClustersCell row={row} />, skeleton: 'w-10' },
  { id: 'bundlesReady', header: 'Bundles Ready', cell: (row) => <ReadyCount count={row.bundlesReady} none="No bundles deployed to this group" warnWhenNone={false} />, skeleton: 'w-10' },
  { id: 'age', header: 'Age', sort: 'age', cell: (row) => <RelativeTime value={row.createdAt} className="whitespace-nowrap" />, skeleton: 'w-16' },
];

export function ClusterGroupsList({ ws }: { ws: string }) {
  const single = ws !== '_all';
  const create = single ? (
    <GatedLink ws={ws} kind="clustergroups" href={newClusterGroupHref(ws)} icon="plus">
      Create cluster group
    </GatedLink>
  ) : undefined;
  return (
    <>
      <ListView
        kind="clustergroups"
        ws={ws}
        title="Cluster Groups"
        description={`Named sets of clusters, chosen by a label selector, that Git repos can target — ${single ? `in ${ws}` : 'in every workspace'}.`}
        noun={{ one: 'cluster group', many: 'cluster groups' }}
        columns={columns}
        actions={create}
        searchLabel="Search cluster groups"
        searchPlaceholder="Search name or selector"
        labelFilter
        empty={() => (
          <EmptyState
            className="m-4 border-0"
            icon="clustergroups"
            title={single ? `No cluster groups in ${ws}` : 'No cluster groups in any workspace'}
            message={
              <>
                A cluster group selects clusters by their labels, so a Git repo can target “all production clusters” instead of naming each one.{' '}
                {single ? 'Create one here, or' : 'Pick a workspace to create one, or'} apply one with <code className="font-mono">kubectl</code> (kind{' '}
                <code className="font-mono">ClusterGroup</code>); it appears here at once.
              </>
            }
            action={create}
          />
        )}
        rowActions={(row) => <ClusterGroupRowActions row={row} />}
        bulkActions={({ rows, clear }) => <ClusterGroupBulkActions rows={rows} clear={clear} />}
      />
      <ClusterGroupDialogs />
    </>
  );
}
