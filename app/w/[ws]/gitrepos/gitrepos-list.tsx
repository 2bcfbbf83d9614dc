'use client';

import { GatedLink } from '@/components/actions/access-gate';
import { GitRepoBulkActions, GitRepoDialogs, GitRepoRowActions } from '@/components/actions/gitrepo-actions';
import { NameCell, ReadyCount, RepoCell, ResourcesCell, StateCell, TextCell } from '@/components/table/cells';
import type { Column } from '@/components/table/data-table';
import { ListView, type ListContext } from '@/components/table/list-view';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import type { GitRepoRow } from '@/lib/api/schemas';
import { newGitRepoHref } from '@/lib/routes';

function flags(row: GitRepoRow): string[] {
  const out: string[] = [];
  if (row.paused) out.push('Paused');
  if (row.pollingDisabled) out.push('Polling off');
  return out;
}

// With every workspace the Workspace column needs room: Target then waits for very wide screens.
const columns = ({ allWorkspaces }: ListContext): Column<GitRepoRow>[] => [
  { id: 'state', header: 'State', sort: 'state', cell: (row) => <StateCell state={row.state} bucket={row.bucket} message={row.message} failing={row.failing} ws={row.workspace} flags={flags(row)} />, skeleton: 'w-20' },
  { id: 'name', header: 'Name', sort: 'name', cell: (row) => <NameCell kind="gitrepos" row={row} />, skeleton: 'w-32' },
  { id: 'repo', header: 'Repo', sort: 'repo', cell: (row) => <RepoCell repo={row.repo} branch={row.branch} revision={row.revision} commit={row.commit} />, skeleton: 'w-48' },
  { id: 'target', header: 'Target', cell: (row) => <TextCell text={row.targets} max="max-w-48" />, className: allWorkspaces ? 'hidden 2xl:table-cell' : 'hidden xl:table-cell' },
  {
    id: 'clustersReady',
    header: 'Clusters Ready',
    sort: 'clustersReady',
    cell: (row) => <ReadyCount count={row.clustersReady} none="Not targeting any clusters" />,
    skeleton: 'w-10',
  },
  { id: 'resources', header: 'Resources', cell: (row) => <ResourcesCell counts={row.resources} />, className: 'hidden xl:table-cell', skeleton: 'w-24' },
  { id: 'age', header: 'Age', sort: 'age', cell: (row) => <RelativeTime value={row.createdAt} className="whitespace-nowrap" />, className: 'hidden 2xl:table-cell', skeleton: 'w-16' },
];

export function GitReposList({ ws }: { ws: string }) {
  const single = ws !== '_all';
  return (
    <>
      <ListView
        kind="gitrepos"
        ws={ws}
        title="Git Repos"
        description={`Repositories Fleet watches and deploys, ${single ? `in ${ws}` : 'in every workspace'}. The reason for a state is under its badge.`}
        noun={{ one: 'Git repo', many: 'Git repos' }}
        columns={columns}
        actions={
          single ? (
            <GatedLink ws={ws} kind="gitrepos" href={newGitRepoHref(ws)} icon="plus">
              Add Git Repo
            </GatedLink>
          ) : undefined
        }
        searchLabel="Search Git repos"
        searchPlaceholder="Search name, repo, branch"
        labelFilter
        empty={() => (
          <EmptyState
            className="m-4 border-0"
            icon="gitrepos"
            title={single ? `No Git repos in ${ws}` : 'No Git repos in any workspace'}
            message="A Git repo tells Fleet where your manifests, Helm charts or Kustomize overlays live and which clusters get them."
            action={
              single ? (
                <GatedLink ws={ws} kind="gitrepos" href={newGitRepoHref(ws)} icon="plus">
                  Add Git Repo
                </GatedLink>
              ) : undefined
            }
          />
        )}
        rowActions={(row) => <GitRepoRowActions row={row} />}
        bulkActions={({ rows, clear }) => <GitRepoBulkActions rows={rows} clear={clear} />}
      />
      <GitRepoDialogs />
    </>
  );
}
