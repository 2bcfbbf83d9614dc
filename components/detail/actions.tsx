'use client';

import { useRouter } from 'next/navigation';

import { AccessFieldset } from '@/components/actions/access-gate';
import { CLUSTER_ACTION_HINTS, canMove, ClusterDialogs } from '@/components/actions/cluster-actions';
import { ClusterGroupDetailActions } from '@/components/actions/clustergroup-actions';
import { showDialog } from '@/components/actions/dialog-store';
import { GITREPO_ACTION_HINTS, GitRepoCloneLink, GitRepoDialogs } from '@/components/actions/gitrepo-actions';
import { postAction, useActionRunner, usePending } from '@/components/actions/use-action-runner';
import { Button, ButtonLink } from '@/components/ui/button';
import type { ClusterDetail, ClusterGroupDetail, ClusterRow, GitRepoAction, GitRepoDetail, GitRepoRow } from '@/lib/api/schemas';
import { editGitRepoHref, sectionHref } from '@/lib/routes';
import { useCanIn } from '@/lib/api/access';

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
  // Team mode: only what the person may do here (the API server decides in the end).
  const canPatch = useCanIn([ws], 'gitrepos', 'patch');
  const canUpdate = useCanIn([ws], 'gitrepos', 'update');
  const canDelete = useCanIn([ws], 'gitrepos', 'delete');
  return (
    <>
      <AccessFieldset can={canPatch}>
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
        {canUpdate.allowed ? (
          <ButtonLink variant="secondary" href={editGitRepoHref(ws, name)}>
            Edit
          </ButtonLink>
        ) : (
          <Button variant="secondary" disabled title={canUpdate.reason}>
            Edit
          </Button>
        )}
        <GitRepoCloneLink ws={ws} name={name} />
        <Button
          variant="danger"
          disabled={busy || !canDelete.allowed}
          onClick={() => showDialog({ type: 'gitrepo-delete', rows: [row], onDone: () => router.push(sectionHref(ws, 'gitrepos')) })}
          title={canDelete.reason ?? GITREPO_ACTION_HINTS.delete}
        >
          Delete…
        </Button>
      </AccessFieldset>
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
  const canPatch = useCanIn([ws], 'clusters', 'patch');
  const canDelete = useCanIn([ws], 'clusters', 'delete');
  return (
    <>
      <AccessFieldset can={canPatch}>
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
          disabled={busy || !canMove(row) || !canDelete.allowed}
          onClick={() => showDialog({ type: 'cluster-move', rows: [row] })}
          title={canMove(row) ? (canDelete.reason ?? CLUSTER_ACTION_HINTS.move) : 'The local cluster stays in its workspace'}
        >
          Move…
        </Button>
      </AccessFieldset>
      <ClusterDialogs ws={ws} />
    </>
  );
}

/** Edit and Delete live with the other cluster-group actions. */
export function ClusterGroupActions({ detail }: { detail: ClusterGroupDetail }) {
  return <ClusterGroupDetailActions detail={detail} />;
}
