'use client';

import { NameCell, ReadyCount, RowLink, StateCell } from '@/components/table/cells';
import type { Column } from '@/components/table/data-table';
import { ListView } from '@/components/table/list-view';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import type { BundleRow } from '@/lib/api/schemas';
import { objectHref, sectionHref } from '@/lib/routes';

function RepoLink({ row }: { row: BundleRow }) {
  if (!row.repo) return <span className="text-slate-500 dark:text-slate-400" title="Not from a Git repo (e.g. the Fleet agent's own bundle)">—</span>;
  return (
    <span className="flex flex-col">
      <RowLink href={objectHref(row.workspace, 'gitrepos', row.repo)} className="break-all text-brand-700 hover:underline dark:text-brand-300">
        {row.repo}
      </RowLink>
      {row.commit ? (
        <span className="font-mono text-xs text-slate-500 dark:text-slate-400" title={`Built from commit ${row.commit}`}>
          @{row.commit.slice(0, 7)}
        </span>
      ) : null}
    </span>
  );
}

const columns = (): Column<BundleRow>[] => [
  {
    id: 'state',
    header: 'State',
    sort: 'state',
    cell: (row) => <StateCell state={row.state} bucket={row.bucket} message={row.message} failing={row.failing} ws={row.workspace} flags={row.paused ? ['Paused'] : undefined} />,
    skeleton: 'w-20',
  },
  { id: 'name', header: 'Name', sort: 'name', cell: (row) => <NameCell kind="bundles" row={row} />, skeleton: 'w-40' },
  { id: 'repo', header: 'Git Repo', sort: 'repo', cell: (row) => <RepoLink row={row} />, skeleton: 'w-28' },
  { id: 'clustersReady', header: 'Clusters Ready', sort: 'clustersReady', cell: (row) => <ReadyCount count={row.clustersReady} none="Not deployed to any cluster" />, skeleton: 'w-10' },
  {
    id: 'resources',
    header: 'Resources',
    cell: (row) => <span className="whitespace-nowrap tabular-nums">{row.resourceCount === 1 ? '1 resource' : `${row.resourceCount} resources`}</span>,
    skeleton: 'w-20',
  },
  { id: 'age', header: 'Age', sort: 'age', cell: (row) => <RelativeTime value={row.createdAt} className="whitespace-nowrap" />, skeleton: 'w-16' },
];

export function BundlesList({ ws }: { ws: string }) {
  const single = ws !== '_all';
  return (
    <ListView
      kind="bundles"
      ws={ws}
      title="Bundles"
      description={`What Fleet built from each Git repo path, and how far it got on the clusters it targets — ${single ? `in ${ws}` : 'in every workspace'}.`}
      noun={{ one: 'bundle', many: 'bundles' }}
      columns={columns}
      searchLabel="Search bundles"
      searchPlaceholder="Search name or Git repo"
      labelFilter
      empty={() => (
        <EmptyState
          className="m-4 border-0"
          icon="bundles"
          title={single ? `No bundles in ${ws}` : 'No bundles in any workspace'}
          message="Fleet builds bundles from the paths of Git repos; add a Git repo and its bundles appear here."
          action={
            <ButtonLink href={sectionHref(ws, 'gitrepos')} variant="secondary" icon="gitrepos">
              Go to Git Repos
            </ButtonLink>
          }
        />
      )}
    />
  );
}
