'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';

import { BucketTiles } from '@/components/dashboard/bucket-tiles';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { LoadingBlock, Skeleton } from '@/components/ui/skeleton';
import { useCanWorkspaces } from '@/lib/api/access';
import { apiSend, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { ALL_WORKSPACES, type WorkspaceDeleted, type WorkspaceImpact } from '@/lib/api/schemas';
import { workspaceDetailKey, workspaceDetailQuery } from '@/lib/api/workspace-queries';
import { dashboardHref, DEFAULT_WORKSPACE, sectionHref } from '@/lib/routes';
import { usePreferences } from '@/lib/stores/preferences';

import { BUILT_IN_WORKSPACES } from './workspace-name';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 clusters, 2 Git repos, 1 cluster group and 4 bundles" */
export function describeImpact(impact: WorkspaceImpact): string {
  return `${count(impact.clusters, 'cluster')}, ${count(impact.gitrepos, 'Git repo')}, ${count(impact.clustergroups, 'cluster group')} and ${count(impact.bundles, 'bundle')}`;
}

/** `/w/{ws}/workspaces/{name}`: what a workspace holds, and deleting it (with what goes with it). */
export function WorkspaceDetail({ ws, name }: { ws: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const detail = useQuery(workspaceDetailQuery(name));
  const mayDelete = useCanWorkspaces(name, 'delete');
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const lastWorkspace = usePreferences((s) => s.lastWorkspace);
  const setLastWorkspace = usePreferences((s) => s.setLastWorkspace);

  const deletion = useMutation({
    mutationFn: () => apiSend<WorkspaceDeleted>('DELETE', `/api/v1/workspaces/${encodeURIComponent(name)}`),
    onSuccess: async () => {
      setConfirming(false);
      queryClient.removeQueries({ queryKey: workspaceDetailKey(name) });
      if (lastWorkspace === name) setLastWorkspace(DEFAULT_WORKSPACE);
      // From inside the deleted workspace (/w/{name}/workspaces/{name}) go somewhere that exists.
      router.push(sectionHref(ws === name ? ALL_WORKSPACES : ws, 'workspaces'));
      await queryClient.invalidateQueries({ queryKey: fleetKeys.workspaces() });
    },
  });

  if (detail.data === undefined) {
    if (detail.isError && detail.error instanceof ApiClientError && detail.error.code === 'not_found') {
      return (
        <>
          <h1 className="sr-only">Workspace not found</h1>
          <EmptyState
            icon="workspaces"
            title={<>There is no workspace named “{name}”</>}
            message="It may have been deleted."
            action={<ButtonLink href={sectionHref(ws, 'workspaces')}>See all workspaces</ButtonLink>}
          />
        </>
      );
    }
    if (detail.isError) {
      return (
        <>
          <h1 className="mb-4 text-2xl font-semibold tracking-tight">{name}</h1>
          <ErrorState title="Could not load the workspace" error={detail.error} onRetry={() => void detail.refetch()} retrying={detail.isFetching} />
        </>
      );
    }
    return (
      <LoadingBlock label={`Loading workspace ${name}`} className="space-y-4">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-40 w-full" />
      </LoadingBlock>
    );
  }

  const { workspace, deletion: policy } = detail.data;
  const impact = describeImpact(policy.impact);
  return (
    <div className="space-y-6" data-testid="workspace-detail" data-workspace={name}>
      <PageHeader
        title={<span className="font-mono">{name}</span>}
        meta={BUILT_IN_WORKSPACES[name] ? <Badge tone="brand">{BUILT_IN_WORKSPACES[name]}</Badge> : null}
        description={
          workspace.createdAt ? (
            <>
              Workspace created <RelativeTime value={workspace.createdAt} />
            </>
          ) : (
            'Workspace'
          )
        }
        actions={
          <ButtonLink href={dashboardHref(name)} variant="secondary" icon="dashboard">
            Open dashboard
          </ButtonLink>
        }
      />
      <Card title="What it holds" description="Counts by state; each number opens the list, filtered.">
        <div className="grid gap-6 md:grid-cols-2">
          <BucketTiles ws={name} kind="gitrepos" counts={workspace.gitrepos} />
          <BucketTiles ws={name} kind="clusters" counts={workspace.clusters} />
          <BucketTiles ws={name} kind="clustergroups" counts={workspace.clustergroups} />
          <BucketTiles ws={name} kind="bundles" counts={workspace.bundles} />
        </div>
      </Card>
      <Card title="Delete workspace" className="border-rose-200 dark:border-rose-900/60" data-testid="delete-workspace">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="max-w-2xl space-y-1 text-sm text-slate-700 dark:text-slate-300">
            <p>
              Deleting <span className="font-mono font-semibold">{name}</span> deletes everything in it:{' '}
              <strong className="font-semibold" data-testid="delete-impact">
                {impact}
              </strong>
              .
            </p>
            <p>Clusters in it are removed from Fleet and stop receiving deployments. This cannot be undone.</p>
            {!policy.allowed ? (
              <p id={reasonId} className="mt-2 flex items-start gap-2 rounded-md bg-slate-100 px-3 py-2 font-medium text-slate-900 dark:bg-slate-800 dark:text-slate-100" data-testid="delete-refused">
                <Icon name="warning" className="mt-0.5 size-4 shrink-0" />
                <span>Deleting is disabled: {policy.reason ?? 'this workspace cannot be deleted'}.</span>
              </p>
            ) : mayDelete.reason ? (
              <p id={reasonId} className="mt-2 flex items-start gap-2 rounded-md bg-slate-100 px-3 py-2 font-medium text-slate-900 dark:bg-slate-800 dark:text-slate-100" data-testid="delete-refused">
                <Icon name="warning" className="mt-0.5 size-4 shrink-0" />
                <span>{mayDelete.reason}.</span>
              </p>
            ) : null}
          </div>
          <Button
            variant="danger"
            icon="trash"
            disabled={!policy.allowed || !mayDelete.allowed}
            aria-describedby={!policy.allowed || mayDelete.reason ? reasonId : undefined}
            onClick={() => setConfirming(true)}
          >
            Delete workspace…
          </Button>
        </div>
      </Card>
      <ConfirmDialog
        open={confirming}
        onClose={() => {
          deletion.reset();
          setConfirming(false);
        }}
        title={`Delete workspace ${name}?`}
        confirmLabel="Delete workspace"
        tone="danger"
        requireText={name}
        pending={deletion.isPending}
        error={deletion.error}
        onConfirm={() => deletion.mutate()}
      >
        <p>
          <strong className="font-semibold">{impact}</strong> will be deleted with it.
        </p>
        <p>Clusters in it are removed from Fleet and stop receiving deployments. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
