'use client';

import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { useWorkspaceNames } from '@/components/table/use-list-page';
import type { ClusterAction, ClusterRow } from '@/lib/api/schemas';
import { FLEET_LOCAL_NAMESPACE, LOCAL_CLUSTER_NAME } from '@/lib/fleet/labels';
import { useCanIn } from '@/lib/api/access';

import { AccessFieldset } from './access-gate';
import { showDialog, useActionDialog } from './dialog-store';
import { NameList } from './gitrepo-actions';
import { EditLabelsDialog } from './label-editor';
import { RowMenu, type MenuItem } from './row-menu';
import { plural, postAction, useActionRunner, useAnyPending, usePending } from './use-action-runner';

const NOUN = { one: 'cluster', many: 'clusters' };

export const CLUSTER_ACTION_HINTS = {
  labels: 'Change what targets and groups select it',
  pause: 'Deploy nothing new to this cluster',
  unpause: 'Deploy changes again',
  forceUpdate: 'Redeploy the Fleet agent',
  move: 'Re-create it in another workspace',
};

const PAST: Record<Exclude<ClusterAction, 'move'>, string> = { pause: 'Paused', unpause: 'Unpaused', forceUpdate: 'Agent redeploy requested for' };
const VERB: Record<Exclude<ClusterAction, 'move'>, string> = { pause: 'pause', unpause: 'unpause', forceUpdate: 'force update' };

/** The local cluster stays where it is (the BFF refuses too). */
export const canMove = (row: ClusterRow) => row.name !== LOCAL_CLUSTER_NAME;

function useClusterActions() {
  const run = useActionRunner('clusters');
  const act = (action: Exclude<ClusterAction, 'move'>, rows: readonly ClusterRow[]) =>
    run({
      targets: rows,
      perform: (row) => postAction('clusters', row, action),
      done: (count, only) => `${PAST[action]} ${only ? only.displayName : plural(count, NOUN.one, NOUN.many)}`,
      failed: (count, of, only) => `Could not ${VERB[action]} ${only ? only.displayName : `${count} of ${plural(of, NOUN.one, NOUN.many)}`}`,
      detail: action === 'forceUpdate' ? 'Fleet redeploys its agent; bundles continue once it checks in again.' : undefined,
    });
  const move = (rows: readonly ClusterRow[], to: string) =>
    run({
      targets: rows,
      perform: (row) => postAction('clusters', row, 'move', { to }),
      done: (count, only) => `Moved ${only ? only.displayName : plural(count, NOUN.one, NOUN.many)} to ${to}`,
      failed: (count, of, only) => `Could not move ${only ? only.displayName : `${count} of ${plural(of, NOUN.one, NOUN.many)}`}`,
      quietErrors: true,
    });
  return { act, move };
}

function ForceUpdateClusterDialog({ rows, open, onClose, onDone }: { rows: readonly ClusterRow[]; open: boolean; onClose(): void; onDone?(): void }) {
  const { act } = useClusterActions();
  const busy = useAnyPending('clusters');
  const only = rows.length === 1 ? rows[0] : undefined;
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      onConfirm={async () => {
        await act('forceUpdate', rows);
        onClose();
        onDone?.();
      }}
      pending={busy}
      tone="primary"
      title={only ? `Force update ${only.displayName}?` : `Force update ${plural(rows.length, NOUN.one, NOUN.many)}?`}
      confirmLabel="Force update"
    >
      <p>
        Fleet redeploys its agent to the cluster (<code className="font-mono">redeployAgentGeneration</code> + 1). Bundles already deployed stay; new
        changes apply once the agent checks in again.
      </p>
      {!only ? <NameList names={rows.map((row) => row.name)} /> : null}
    </ConfirmDialog>
  );
}

function MoveDialog({ rows, ws, open, onClose, onDone }: { rows: readonly ClusterRow[]; ws: string; open: boolean; onClose(): void; onDone?(): void }) {
  const { move } = useClusterActions();
  const busy = useAnyPending('clusters');
  const workspaces = useWorkspaceNames();
  const movable = rows.filter(canMove);
  const from = new Set(movable.map((row) => row.workspace));
  const choices = (workspaces ?? []).filter((name) => name !== FLEET_LOCAL_NAMESPACE && !(from.size === 1 && from.has(name)));
  const [to, setTo] = useState('');
  const [error, setError] = useState<string>();
  const selectId = useId();
  const only = movable.length === 1 ? movable[0] : undefined;
  const target = choices.includes(to) ? to : '';

  const formId = useId();
  const submit = async () => {
    if (!target) return setError('Pick a workspace');
    setError(undefined);
    const outcome = await move(movable, target);
    if (outcome.failed.length === 0) {
      onClose();
      onDone?.();
    } else setError(outcome.failed.map(({ target: row, error: failure }) => (only ? failure.message : `${row.name}: ${failure.message}`)).join('\n'));
  };

  return (
    <Dialog
      open={open}
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      dismissable={!busy}
      testId="move-dialog"
      title={only ? `Move ${only.displayName} to another workspace` : `Move ${plural(movable.length, NOUN.one, NOUN.many)} to another workspace`}
      description={
        <>
          Fleet Deck re-creates the Cluster in the workspace you pick, with the same labels and spec, then deletes it here. Bundles of GitRepos in{' '}
          <span className="font-mono">{from.size === 1 ? [...from][0] : ws}</span> are removed from it; GitRepos of the new workspace that target it deploy to it.
        </>
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={movable.length === 0} pending={busy}>
            Move
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="space-y-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {rows.length > movable.length ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200">The local cluster cannot move; it is left out.</p>
        ) : null}
        {!only && movable.length > 0 ? <NameList names={movable.map((row) => row.name)} /> : null}
        <div className="space-y-1">
          <label htmlFor={selectId} className="font-medium">
            Target workspace
          </label>
          <select
            id={selectId}
            value={target}
            onChange={(event) => {
              setTo(event.target.value);
              setError(undefined);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${selectId}-error` : undefined}
            className="block h-9 w-full rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="">{workspaces ? (choices.length ? 'Choose a workspace…' : 'No other workspace') : 'Loading workspaces…'}</option>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <span className="font-mono">{FLEET_LOCAL_NAMESPACE}</span> holds only the local cluster and is not offered.
          </p>
          {error ? (
            <p id={`${selectId}-error`} role="alert" className="text-sm whitespace-pre-line text-rose-700 dark:text-rose-300" data-testid="field-error">
              {error}
            </p>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}

export function ClusterRowActions({ row }: { row: ClusterRow }) {
  const { act } = useClusterActions();
  const busy = usePending('clusters', row);
  const items: (MenuItem | 'separator')[] = [
    { label: 'Edit labels…', hint: CLUSTER_ACTION_HINTS.labels, onSelect: () => showDialog({ type: 'cluster-labels', rows: [row] }) },
    row.paused
      ? { label: 'Unpause', hint: CLUSTER_ACTION_HINTS.unpause, onSelect: () => void act('unpause', [row]) }
      : { label: 'Pause', hint: CLUSTER_ACTION_HINTS.pause, onSelect: () => void act('pause', [row]) },
    { label: 'Force update…', hint: CLUSTER_ACTION_HINTS.forceUpdate, onSelect: () => showDialog({ type: 'cluster-force', rows: [row] }) },
  ];
  if (canMove(row)) items.push('separator', { label: 'Move to workspace…', hint: CLUSTER_ACTION_HINTS.move, verb: 'delete', onSelect: () => showDialog({ type: 'cluster-move', rows: [row] }) });
  return <RowMenu label={`Actions for ${row.displayName}`} items={items} busy={busy} access={{ ws: row.workspace, kind: 'clusters' }} />;
}

export function ClusterBulkActions({ rows, clear }: { rows: ClusterRow[]; clear(): void }) {
  const { act } = useClusterActions();
  const busy = useAnyPending('clusters');
  const paused = rows.filter((row) => row.paused);
  const running = rows.filter((row) => !row.paused);
  const canPatch = useCanIn(rows.map((row) => row.workspace), 'clusters', 'patch');
  return (
    <AccessFieldset can={canPatch}>
      <Button variant="secondary" size="sm" disabled={busy || running.length === 0} onClick={() => void act('pause', running)} title={CLUSTER_ACTION_HINTS.pause}>
        Pause
      </Button>
      <Button variant="secondary" size="sm" disabled={busy || paused.length === 0} onClick={() => void act('unpause', paused)} title={CLUSTER_ACTION_HINTS.unpause}>
        Unpause
      </Button>
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => showDialog({ type: 'cluster-force', rows })} title={CLUSTER_ACTION_HINTS.forceUpdate}>
        Force update…
      </Button>
      <Button variant="secondary" size="sm" disabled={busy || !rows.some(canMove)} onClick={() => showDialog({ type: 'cluster-move', rows, onDone: clear })} title={CLUSTER_ACTION_HINTS.move}>
        Move…
      </Button>
    </AccessFieldset>
  );
}

/** Renders the cluster dialog a row or the bulk bar asked for. Mount once per list. */
export function ClusterDialogs({ ws }: { ws: string }) {
  const { dialog, open, session, close } = useActionDialog();
  switch (dialog?.type) {
    case 'cluster-labels':
      return <EditLabelsDialog key={session} cluster={dialog.rows[0]} open={open} onClose={close} />;
    case 'cluster-force':
      return <ForceUpdateClusterDialog key={session} rows={dialog.rows} open={open} onClose={close} onDone={dialog.onDone} />;
    case 'cluster-move':
      return <MoveDialog key={session} rows={dialog.rows} ws={ws} open={open} onClose={close} onDone={dialog.onDone} />;
    default:
      return null;
  }
}
