'use client';

import { useQueries } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { apiGet, apiSend, type ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { gitRepoDetailSchema, type GitRepoAction, type GitRepoRow } from '@/lib/api/schemas';
import { cloneGitRepoHref, editGitRepoHref } from '@/lib/routes';
import { useCanIn } from '@/lib/api/access';

import { AccessFieldset, GatedLink } from './access-gate';
import { showDialog, useActionDialog } from './dialog-store';
import { RowMenu, type MenuItem } from './row-menu';
import { actionPath, plural, postAction, useActionRunner, useAnyPending, usePending } from './use-action-runner';

const NOUN = { one: 'Git repo', many: 'Git repos' };

const PAST: Record<GitRepoAction, string> = {
  pause: 'Paused',
  unpause: 'Unpaused',
  forceUpdate: 'Force update started for',
  enablePolling: 'Enabled polling for',
  disablePolling: 'Disabled polling for',
};
const VERB: Record<GitRepoAction, string> = {
  pause: 'pause',
  unpause: 'unpause',
  forceUpdate: 'force update',
  enablePolling: 'enable polling for',
  disablePolling: 'disable polling for',
};

export const GITREPO_ACTION_HINTS = {
  pause: 'Keep fetching Git, deploy nothing new',
  unpause: 'Deploy changes again',
  forceUpdate: 'Re-deploy the last fetched commit',
  enablePolling: 'Check Git for new commits on a schedule',
  disablePolling: 'Only webhooks and Force Update bring changes',
  delete: 'Delete it and its bundles',
  edit: 'Change it in the Git Repo wizard',
  clone: 'Start a new Git repo from a copy of this one',
};

/** "Clone" on a Git repo's page: the wizard, prefilled with a copy. */
export function GitRepoCloneLink({ ws, name }: { ws: string; name: string }) {
  return (
    <GatedLink ws={ws} kind="gitrepos" quiet variant="secondary" href={cloneGitRepoHref(ws, name)} title={GITREPO_ACTION_HINTS.clone}>
      Clone
    </GatedLink>
  );
}

function useGitRepoActions() {
  const run = useActionRunner('gitrepos');
  const act = (action: GitRepoAction, rows: readonly GitRepoRow[]) =>
    run({
      targets: rows,
      perform: (row) => postAction('gitrepos', row, action),
      done: (count, only) => `${PAST[action]} ${only ? only.name : plural(count, NOUN.one, NOUN.many)}`,
      failed: (count, of, only) => `Could not ${VERB[action]} ${only ? only.name : `${count} of ${plural(of, NOUN.one, NOUN.many)}`}`,
      detail: action === 'forceUpdate' ? 'Fleet re-deploys the commit it last fetched.' : undefined,
    });
  const remove = (rows: readonly GitRepoRow[]) =>
    run({
      targets: rows,
      perform: (row) => apiSend('DELETE', actionPath('gitrepos', row)),
      done: (count, only) => `Deleted ${only ? `GitRepo ${only.name}` : plural(count, NOUN.one, NOUN.many)}`,
      failed: (count, of, only) => `Could not delete ${only ? only.name : `${count} of ${plural(of, NOUN.one, NOUN.many)}`}`,
      quietErrors: true,
    });
  return { act, remove };
}

// ---- Force update -------------------------------------------------------------------------------

function ForceUpdateDialog({ rows, open, onClose, onDone }: { rows: readonly GitRepoRow[]; open: boolean; onClose(): void; onDone?(): void }) {
  const { act } = useGitRepoActions();
  const busy = useAnyPending('gitrepos');
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
      title={only ? `Force update ${only.name}?` : `Force update ${plural(rows.length, NOUN.one, NOUN.many)}?`}
      confirmLabel="Force update"
    >
      <p>
        Fleet runs the Git job again for the commit it last fetched
        {only?.commit ? (
          <>
            {' '}
            (<code className="font-mono">{only.commit.slice(0, 7)}</code>)
          </>
        ) : null}{' '}
        and re-deploys the bundles to every targeted cluster — useful after drift or a failed apply.
      </p>
      <p>It does not fetch newer commits any sooner: polling or a webhook does that. Large repositories take a while.</p>
      {!only ? <NameList names={rows.map((row) => row.name)} /> : null}
    </ConfirmDialog>
  );
}

export function NameList({ names, max = 8 }: { names: string[]; max?: number }) {
  return (
    <ul className="list-inside list-disc font-mono text-xs">
      {names.slice(0, max).map((name) => (
        <li key={name}>{name}</li>
      ))}
      {names.length > max ? <li className="list-none font-sans">…and {names.length - max} more</li> : null}
    </ul>
  );
}

// ---- Delete -------------------------------------------------------------------------------------

const IMPACT_LIMIT = 5;
/** Beyond this many, the confirmation names the repos without reading each one's relations. */
const IMPACT_MAX_REPOS = 20;

function DeleteGitRepoDialog({ rows, open, onClose, onDone }: { rows: readonly GitRepoRow[]; open: boolean; onClose(): void; onDone?(): void }) {
  const { remove } = useGitRepoActions();
  const busy = useAnyPending('gitrepos');
  const [error, setError] = useState<ApiClientError | { code: string; message: string }>();
  const checked = rows.slice(0, IMPACT_MAX_REPOS);
  const impacts = useQueries({
    queries: checked.map((row) => ({
      queryKey: [...fleetKeys.detail('gitrepos', row.workspace, row.name), { relations: IMPACT_LIMIT }],
      queryFn: () => apiGet(`${actionPath('gitrepos', row)}?limit=${IMPACT_LIMIT}`, gitRepoDetailSchema),
      enabled: open,
      staleTime: 0,
    })),
  });
  const only = rows.length === 1 ? rows[0] : undefined;
  const loading = impacts.some((impact) => impact.isPending);

  const describe = (row: GitRepoRow, index: number) => {
    const impact = impacts[index];
    const detail = impact?.data;
    if (impact?.isPending) return <span className="text-slate-500 dark:text-slate-400">Checking what goes with it…</span>;
    if (!detail) return <span>Could not read what belongs to it{impact?.error ? ` (${impact.error.message})` : ''}.</span>;
    const bundles = detail.relations.bundles;
    const clusters = Math.max(detail.relations.clusters.total, row.clustersReady.desired);
    const keep = (detail.object.spec as { keepResources?: boolean } | undefined)?.keepResources === true;
    return (
      <span data-testid="delete-impact">
        Deletes GitRepo <strong className="font-mono">{row.name}</strong> and its <strong>{plural(bundles.total, 'bundle', 'bundles')}</strong>
        {bundles.items.length > 0 ? (
          <span className="text-slate-600 dark:text-slate-400">
            {' '}
            ({bundles.items.map((bundle) => bundle.name).join(', ')}
            {bundles.total > bundles.items.length ? ', …' : ''})
          </span>
        ) : null}
        ;{' '}
        {clusters === 0 ? (
          'it deploys to no cluster.'
        ) : keep ? (
          <>
            resources on <strong>{plural(clusters, 'cluster', 'clusters')}</strong> stay, because <code className="font-mono">keepResources</code> is set.
          </>
        ) : (
          <>
            the resources it deployed are <strong>removed from {plural(clusters, 'cluster', 'clusters')}</strong> (set <code className="font-mono">keepResources</code> to keep them).
          </>
        )}
      </span>
    );
  };

  return (
    <ConfirmDialog
      open={open}
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      tone="danger"
      pending={busy}
      error={error}
      title={only ? `Delete GitRepo ${only.name}?` : `Delete ${plural(rows.length, NOUN.one, NOUN.many)}?`}
      confirmLabel={loading ? 'Delete anyway' : 'Delete'}
      onConfirm={async () => {
        setError(undefined);
        const outcome = await remove(rows);
        if (outcome.failed.length === 0) {
          onClose();
          onDone?.();
          return;
        }
        setError(only ? outcome.failed[0]!.error : { code: 'partial', message: outcome.failed.map(({ target, error: failure }) => `${target.name}: ${failure.message}`).join('; ') });
      }}
    >
      {only ? (
        <p>{describe(only, 0)}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((row, index) => (
            <li key={`${row.workspace}/${row.name}`}>{index < checked.length ? describe(row, index) : <span className="font-mono">{row.name}</span>}</li>
          ))}
        </ul>
      )}
      <p className="text-slate-600 dark:text-slate-400">This cannot be undone.</p>
    </ConfirmDialog>
  );
}

// ---- Row, bulk and the dialog host ------------------------------------------------------------

export function GitRepoRowActions({ row }: { row: GitRepoRow }) {
  const { act } = useGitRepoActions();
  const router = useRouter();
  const busy = usePending('gitrepos', row);
  const items: (MenuItem | 'separator')[] = [
    { label: 'Edit', hint: GITREPO_ACTION_HINTS.edit, verb: 'update', onSelect: () => router.push(editGitRepoHref(row.workspace, row.name)) },
    { label: 'Clone', hint: GITREPO_ACTION_HINTS.clone, verb: 'create', onSelect: () => router.push(cloneGitRepoHref(row.workspace, row.name)) },
    'separator',
    row.paused
      ? { label: 'Unpause', hint: GITREPO_ACTION_HINTS.unpause, onSelect: () => void act('unpause', [row]) }
      : { label: 'Pause', hint: GITREPO_ACTION_HINTS.pause, onSelect: () => void act('pause', [row]) },
    { label: 'Force update…', hint: GITREPO_ACTION_HINTS.forceUpdate, onSelect: () => showDialog({ type: 'gitrepo-force', rows: [row] }) },
    row.pollingDisabled
      ? { label: 'Enable polling', hint: GITREPO_ACTION_HINTS.enablePolling, onSelect: () => void act('enablePolling', [row]) }
      : { label: 'Disable polling', hint: GITREPO_ACTION_HINTS.disablePolling, onSelect: () => void act('disablePolling', [row]) },
    'separator',
    { label: 'Delete…', hint: GITREPO_ACTION_HINTS.delete, danger: true, onSelect: () => showDialog({ type: 'gitrepo-delete', rows: [row] }) },
  ];
  return <RowMenu label={`Actions for ${row.name}`} items={items} busy={busy} access={{ ws: row.workspace, kind: 'gitrepos' }} />;
}

export function GitRepoBulkActions({ rows, clear }: { rows: GitRepoRow[]; clear(): void }) {
  const { act } = useGitRepoActions();
  const busy = useAnyPending('gitrepos');
  const paused = rows.filter((row) => row.paused);
  const running = rows.filter((row) => !row.paused);
  const polling = rows.filter((row) => !row.pollingDisabled);
  const notPolling = rows.filter((row) => row.pollingDisabled);
  const canPatch = useCanIn(rows.map((row) => row.workspace), 'gitrepos', 'patch');
  const canDelete = useCanIn(rows.map((row) => row.workspace), 'gitrepos', 'delete');
  return (
    <AccessFieldset can={canPatch}>
      <Button variant="secondary" size="sm" disabled={busy || running.length === 0} onClick={() => void act('pause', running)} title={GITREPO_ACTION_HINTS.pause}>
        Pause
      </Button>
      <Button variant="secondary" size="sm" disabled={busy || paused.length === 0} onClick={() => void act('unpause', paused)} title={GITREPO_ACTION_HINTS.unpause}>
        Unpause
      </Button>
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => showDialog({ type: 'gitrepo-force', rows })} title={GITREPO_ACTION_HINTS.forceUpdate}>
        Force update…
      </Button>
      <Button variant="secondary" size="sm" disabled={busy || polling.length === 0} onClick={() => void act('disablePolling', polling)} title={GITREPO_ACTION_HINTS.disablePolling}>
        Disable polling
      </Button>
      <Button variant="secondary" size="sm" disabled={busy || notPolling.length === 0} onClick={() => void act('enablePolling', notPolling)} title={GITREPO_ACTION_HINTS.enablePolling}>
        Enable polling
      </Button>
      <Button size="sm" variant="danger" disabled={busy || !canDelete.allowed} title={canDelete.reason} onClick={() => showDialog({ type: 'gitrepo-delete', rows, onDone: clear })}>
        Delete…
      </Button>
    </AccessFieldset>
  );
}

/** Renders the GitRepo dialog a row or the bulk bar asked for. Mount once per list. */
export function GitRepoDialogs() {
  const { dialog, open, session, close } = useActionDialog();
  if (dialog?.type === 'gitrepo-force') return <ForceUpdateDialog key={session} rows={dialog.rows} open={open} onClose={close} onDone={dialog.onDone} />;
  if (dialog?.type === 'gitrepo-delete') return <DeleteGitRepoDialog key={session} rows={dialog.rows} open={open} onClose={close} onDone={dialog.onDone} />;
  return null;
}
