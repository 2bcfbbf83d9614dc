'use client';

import { useRouter } from 'next/navigation';

import { CLUSTER_ACTION_HINTS, canMove, ClusterDialogs } from '@/components/actions/cluster-actions';
import { ClusterGroupDialogs } from '@/components/actions/clustergroup-actions';
import { showDialog } from '@/components/actions/dialog-store';
import { GITREPO_ACTION_HINTS, GitRepoDialogs } from '@/components/actions/gitrepo-actions';
import { postAction, useActionRunner, usePending } from '@/components/actions/use-action-runner';
import { Button, ButtonLink } from '@/components/ui/button';
import type { ClusterDetail, ClusterGroupDetail, ClusterRow, GitRepoAction, GitRepoDetail, GitRepoRow } from '@/lib/api/schemas';
import { newGitRepoHref, sectionHref } from '@/lib/routes';

/**
 * Header actions of the detail pages: the list pages' actions (components/actions — the same
 * runner, confirmations and toasts), laid out as buttons instead of a row menu. Each mounts the
 * kind's dialog host once.
 */

const GITREPO_DONE: Record<GitRepoAction, string> = {
  pause: 'Paused',
  unpause: 'Unpaused',
  forceUpdate: 'Force update started for',
  enablePolling: 'Enabled polling for',
  disablePolling: 'Disabled polling for',
};

function useGitRepoAct(row: GitRepoRow) {
  const run = useActionRunner('gitrepos');
  return (action: GitRepoAction) =>
    run({
      targets: [row],
      perform: (target) => postAction('gitrepos', target, action),
      done: () => `${GITREPO_DONE[action]} ${row.name}`,
      failed: () => `Could not ${action === 'pause' ? 'pause' : action === 'unpause' ? 'unpause' : action === 'enablePolling' ? 'enable polling for' : 'disable polling for'} ${row.name}`,
    });
}

export function GitRepoActions({ detail }: { detail: GitRepoDetail }) {
  const { workspace: ws, name, row } = detail;
  const router = useRouter();
  const act = useGitRepoAct(row);
  const busy = usePending('gitrepos', row);
  return (
    <>
      <Button variant="secondary" pending={busy} onClick={() => void act(row.paused ? 'unpause' : 'pause')} title={row.paused ? GITREPO_ACTION_HINTS.unpause : GITREPO_ACTION_HINTS.pause}>
        {row.paused ? 'Unpause' : 'Pause'}
      </Button>
      <Button
        variant="secondary"
        disabled={busy}
        onClick={() => void act(row.pollingDisabled ? 'enablePolling' : 'disablePolling')}
        title={row.pollingDisabled ? GITREPO_ACTION_HINTS.enablePolling : GITREPO_ACTION_HINTS.disablePolling}
      >
        {row.pollingDisabled ? 'Enable polling' : 'Disable polling'}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={() => showDialog({ type: 'gitrepo-force', rows: [row] })} title={GITREPO_ACTION_HINTS.forceUpdate}>
        Force update…
      </Button>
      <ButtonLink variant="secondary" href={`${newGitRepoHref(ws)}?edit=${encodeURIComponent(name)}`}>
        Edit
      </ButtonLink>
      <Button variant="danger" disabled={busy} onClick={() => showDialog({ type: 'gitrepo-delete', rows: [row], onDone: () => router.push(sectionHref(ws, 'gitrepos')) })} title={GITREPO_ACTION_HINTS.delete}>
        Delete…
      </Button>
      <GitRepoDialogs />
    </>
  );
}

function useClusterAct(row: ClusterRow) {
  const run = useActionRunner('clusters');
  return (action: 'pause' | 'unpause') =>
    run({
      targets: [row],
      perform: (target) => postAction('clusters', target, action),
      done: () => `${action === 'pause' ? 'Paused' : 'Unpaused'} ${row.displayName}`,
      failed: () => `Could not ${action} ${row.displayName}`,
    });
}

export function ClusterActions({ detail }: { detail: ClusterDetail }) {
  const { workspace: ws, row } = detail;
  const act = useClusterAct(row);
  const busy = usePending('clusters', row);
  return (
    <>
      <Button variant="secondary" disabled={busy} onClick={() => showDialog({ type: 'cluster-labels', rows: [row] })} title={CLUSTER_ACTION_HINTS.labels}>
        Edit labels…
      </Button>
      <Button variant="secondary" pending={busy} onClick={() => void act(row.paused ? 'unpause' : 'pause')} title={row.paused ? CLUSTER_ACTION_HINTS.unpause : CLUSTER_ACTION_HINTS.pause}>
        {row.paused ? 'Unpause' : 'Pause'}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={() => showDialog({ type: 'cluster-force', rows: [row] })} title={CLUSTER_ACTION_HINTS.forceUpdate}>
        Force update…
      </Button>
      <Button
        variant="secondary"
        disabled={busy || !canMove(row)}
        onClick={() => showDialog({ type: 'cluster-move', rows: [row] })}
        title={canMove(row) ? CLUSTER_ACTION_HINTS.move : 'The local cluster stays in its workspace'}
      >
        Move…
      </Button>
      <ClusterDialogs ws={ws} />
    </>
  );
}

export function ClusterGroupActions({ detail }: { detail: ClusterGroupDetail }) {
  const { workspace: ws, row } = detail;
  const router = useRouter();
  const busy = usePending('clustergroups', row);
  return (
    <>
      <Button variant="danger" disabled={busy} onClick={() => showDialog({ type: 'clustergroup-delete', rows: [row], onDone: () => router.push(sectionHref(ws, 'clustergroups')) })} title="Git repos that target it lose its clusters">
        Delete…
      </Button>
      <ClusterGroupDialogs />
    </>
  );
}
