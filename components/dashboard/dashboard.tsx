'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { GatedLink } from '@/components/actions/access-gate';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { LoadingBlock, Skeleton } from '@/components/ui/skeleton';
import { errorCount } from '@/components/shell/workspace-switcher';
import { ALL_WORKSPACES, type WorkspaceSummary } from '@/lib/api/schemas';
import { workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { dashboardHref, newGitRepoHref, sectionHref, workspaceHref } from '@/lib/routes';

import { BucketTiles } from './bucket-tiles';
import { NeedsAttention } from './needs-attention';

const isEmpty = (s: WorkspaceSummary) => s.gitrepos.total + s.clusters.total + s.clustergroups.total + s.bundles.total === 0;

/** One workspace: its Git Repos, Clusters and Cluster Groups by state bucket. */
function WorkspaceOverview({ ws, summary, single }: { ws: string; summary: WorkspaceSummary; single: boolean }) {
  const name = summary.name;
  const errors = errorCount(summary);
  const empty = isEmpty(summary);
  const description = (
    <>
      {summary.bundles.total} bundle{summary.bundles.total === 1 ? '' : 's'}
      {summary.createdAt ? (
        <>
          {' · created '}
          <RelativeTime value={summary.createdAt} />
        </>
      ) : null}
    </>
  );
  const errorBadge = errors > 0 ? <Badge tone="error">{errors} in error</Badge> : null;
  const addGitRepo = (
    <GatedLink ws={name} kind="gitrepos" href={newGitRepoHref(name)} icon="plus" variant={single ? 'primary' : 'secondary'} size={single ? 'md' : 'sm'} aria-label={single ? undefined : `Add Git Repo to ${name}`}>
      Add Git Repo
    </GatedLink>
  );

  if (single) {
    return (
      <Card
        data-testid="workspace-overview"
        data-workspace={name}
        title="Overview"
        description={description}
        actions={
          <>
            {errorBadge}
            <ButtonLink href={workspaceHref(ws, name)} variant="ghost" size="sm">
              Workspace details
            </ButtonLink>
          </>
        }
      >
        {empty ? (
          <EmptyState
            compact
            headingLevel={3}
            icon="gitrepos"
            title={`Nothing in ${name} yet`}
            message="Add a Git repository and Fleet deploys what it holds to the clusters you target. Clusters appear here when their agents register."
            action={addGitRepo}
          />
        ) : (
          <div className="grid gap-6 md:grid-cols-3">
            <BucketTiles ws={name} kind="gitrepos" counts={summary.gitrepos} />
            <BucketTiles ws={name} kind="clusters" counts={summary.clusters} />
            <BucketTiles ws={name} kind="clustergroups" counts={summary.clustergroups} />
          </div>
        )}
      </Card>
    );
  }

  return (
    <Card
      data-testid="workspace-overview"
      data-workspace={name}
      className="flex flex-col [&>div:nth-child(2)]:flex-1"
      title={
        <Link href={dashboardHref(name)} className="hover:underline">
          {name}
        </Link>
      }
      description={description}
      actions={errorBadge}
      footer={
        <div className="flex flex-wrap items-center justify-between gap-2">
          {addGitRepo}
          <Link href={workspaceHref(ws, name)} className="text-sm text-brand-700 hover:underline dark:text-brand-300" aria-label={`Details of workspace ${name}`}>
            Details
          </Link>
        </div>
      }
    >
      {empty ? (
        <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">No Git Repos, clusters or cluster groups yet.</p>
      ) : (
        <div className="grid gap-5">
          <BucketTiles ws={name} kind="gitrepos" counts={summary.gitrepos} />
          <BucketTiles ws={name} kind="clusters" counts={summary.clusters} />
          <BucketTiles ws={name} kind="clustergroups" counts={summary.clustergroups} />
        </div>
      )}
    </Card>
  );
}

function OverviewSkeleton({ count }: { count: number }) {
  return (
    <LoadingBlock label="Loading workspace counts" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="space-y-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <Skeleton className="h-5 w-32" />
          {[0, 1, 2].map((j) => (
            <div key={j} className="space-y-2">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-12 w-full" />
            </div>
          ))}
        </div>
      ))}
    </LoadingBlock>
  );
}

/**
 * The dashboard of a workspace (one overview card) or of every workspace (`_all`: one card per
 * workspace), with the "Needs attention" list. Data comes from the query cache the server page
 * filled; the SSE stream keeps it fresh.
 */
export function Dashboard({ ws }: { ws: string }) {
  const summaries = useQuery(workspaceSummariesQuery());
  const all = ws === ALL_WORKSPACES;
  const summary = summaries.data?.find((s) => s.name === ws);

  let overview;
  if (summaries.data === undefined && summaries.isError) {
    overview = <ErrorState title="Could not load workspace counts" error={summaries.error} onRetry={() => void summaries.refetch()} retrying={summaries.isFetching} />;
  } else if (summaries.data === undefined) {
    overview = <OverviewSkeleton count={all ? 3 : 1} />;
  } else if (all) {
    overview =
      summaries.data.length === 0 ? (
        <EmptyState
          icon="workspaces"
          title="There are no workspaces"
          message="A workspace holds Git Repos, clusters and cluster groups of one team."
          action={<ButtonLink href={sectionHref(ALL_WORKSPACES, 'workspaces')}>Create a workspace</ButtonLink>}
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {summaries.data.map((s) => (
            <WorkspaceOverview key={s.name} ws={ws} summary={s} single={false} />
          ))}
        </div>
      );
  } else if (summary) {
    overview = <WorkspaceOverview ws={ws} summary={summary} single />;
  }

  return (
    <div className="space-y-6" data-testid="dashboard" data-workspace={ws}>
      <PageHeader
        title={all ? 'All workspaces' : ws}
        description={all ? 'Every workspace at a glance: Git Repos, clusters and cluster groups by state.' : 'Git Repos, clusters and cluster groups of this workspace by state.'}
        actions={
          all ? (
            <ButtonLink href={sectionHref(ALL_WORKSPACES, 'workspaces')} variant="secondary" icon="workspaces">
              Manage workspaces
            </ButtonLink>
          ) : (
            <GatedLink ws={ws} kind="gitrepos" href={newGitRepoHref(ws)} icon="plus">
              Add Git Repo
            </GatedLink>
          )
        }
      />
      {all ? (
        <>
          <NeedsAttention ws={ws} />
          <section aria-label="Workspaces">{overview}</section>
        </>
      ) : (
        <>
          {overview}
          <NeedsAttention ws={ws} />
        </>
      )}
    </div>
  );
}
