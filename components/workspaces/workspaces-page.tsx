'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cx } from '@/components/ui/cx';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { LoadingBlock, Skeleton } from '@/components/ui/skeleton';
import { useCanWorkspaces } from '@/lib/api/access';
import type { BucketCounts, ListKind } from '@/lib/api/schemas';
import { workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { dashboardHref, sectionHref, SECTION_LABELS, workspaceHref } from '@/lib/routes';

import { CreateWorkspaceDialog } from './create-workspace-dialog';
import { BUILT_IN_WORKSPACES } from './workspace-name';

const COLUMNS: ListKind[] = ['gitrepos', 'clusters', 'clustergroups', 'bundles'];

function CountCell({ ws, kind, counts }: { ws: string; kind: ListKind; counts: BucketCounts }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Link href={sectionHref(ws, kind)} className="inline-flex min-h-6 min-w-6 items-center tabular-nums hover:underline" aria-label={`${counts.total} ${SECTION_LABELS[kind]} in ${ws}`}>
        {counts.total}
      </Link>
      {counts.error > 0 ? (
        <Link href={sectionHref(ws, kind, { state: 'error' })} aria-label={`${counts.error} ${SECTION_LABELS[kind]} in Error in ${ws}`} className="inline-flex min-h-6 items-center rounded-full">
          <Badge tone="error">{counts.error} error{counts.error === 1 ? '' : 's'}</Badge>
        </Link>
      ) : null}
    </span>
  );
}

/** `/w/{ws}/workspaces`: every workspace with its counts, and "Create workspace". */
export function WorkspacesPage({ ws }: { ws: string }) {
  const summaries = useQuery(workspaceSummariesQuery());
  const mayCreate = useCanWorkspaces(ws, 'create');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>();
  const names = summaries.data?.map((s) => s.name) ?? [];

  let body;
  if (summaries.data === undefined && summaries.isError) {
    body = <ErrorState title="Could not load workspaces" error={summaries.error} onRetry={() => void summaries.refetch()} retrying={summaries.isFetching} />;
  } else if (summaries.data === undefined) {
    body = (
      <LoadingBlock label="Loading workspaces" className="space-y-3 p-4">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </LoadingBlock>
    );
  } else if (summaries.data.length === 0) {
    body = (
      <EmptyState
        icon="workspaces"
        title="There are no workspaces"
        message="Create one for a team's Git Repos, clusters and cluster groups."
        action={
          <Button onClick={() => setCreating(true)} disabled={!mayCreate.allowed} title={mayCreate.reason}>
            Create workspace
          </Button>
        }
        className="m-4"
      />
    );
  } else {
    body = (
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="workspaces-table">
          <caption className="sr-only">Workspaces and what they hold</caption>
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Name
              </th>
              {COLUMNS.map((kind) => (
                <th key={kind} scope="col" className="px-4 py-2.5 font-medium">
                  {SECTION_LABELS[kind]}
                </th>
              ))}
              <th scope="col" className="px-4 py-2.5 font-medium">
                Created
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {summaries.data.map((summary) => (
              <tr
                key={summary.name}
                data-testid="workspace-row"
                data-workspace={summary.name}
                className={cx('compact:[&>td]:py-1.5', summary.name === created && 'bg-brand-50/60 dark:bg-brand-900/20')}
              >
                <th scope="row" className="px-4 py-3 font-medium">
                  <span className="inline-flex items-center gap-2">
                    <Link href={workspaceHref(ws, summary.name)} className="font-mono text-brand-700 hover:underline dark:text-brand-300">
                      {summary.name}
                    </Link>
                    {BUILT_IN_WORKSPACES[summary.name] ? <Badge tone="brand">{BUILT_IN_WORKSPACES[summary.name]}</Badge> : null}
                  </span>
                </th>
                {COLUMNS.map((kind) => (
                  <td key={kind} className="px-4 py-3">
                    <CountCell ws={summary.name} kind={kind} counts={summary[kind]} />
                  </td>
                ))}
                <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                  <RelativeTime value={summary.createdAt} />
                </td>
                <td className="px-4 py-3 text-right">
                  <Link href={dashboardHref(summary.name)} className="text-sm whitespace-nowrap text-brand-700 hover:underline dark:text-brand-300" aria-label={`Open the dashboard of ${summary.name}`}>
                    Dashboard
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title="Workspaces"
        description="Each workspace is a namespace on the management cluster holding one team's Git Repos, clusters and cluster groups."
        actions={
          <>
            {mayCreate.reason ? (
              <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="access-reason">
                {mayCreate.reason}
              </span>
            ) : null}
            <Button icon="plus" onClick={() => setCreating(true)} disabled={!mayCreate.allowed} title={mayCreate.reason}>
              Create workspace
            </Button>
          </>
        }
      />
      <div role="status" aria-live="polite">
        {created ? (
          <p className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100" data-testid="workspace-created">
            <span>
              Workspace <strong className="font-mono">{created}</strong> created.
            </span>
            <ButtonLink href={dashboardHref(created)} variant="ghost" size="sm">
              Open its dashboard
            </ButtonLink>
          </p>
        ) : null}
      </div>
      <Card padded={false}>{body}</Card>
      <CreateWorkspaceDialog
        open={creating}
        onClose={() => setCreating(false)}
        existing={names}
        onCreated={(name) => {
          setCreating(false);
          setCreated(name);
        }}
      />
    </div>
  );
}
