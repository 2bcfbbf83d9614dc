'use client';

import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { detailHref } from '@/components/table/cells';
import { Button, ButtonLink } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { apiGet, apiSend, type ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { clusterGroupDetailSchema, type ClusterGroupDetail, type ClusterGroupRow, type TargetingRepo } from '@/lib/api/schemas';
import { editClusterGroupHref, sectionHref } from '@/lib/routes';
import { useCanIn } from '@/lib/api/access';

import { showDialog, useActionDialog } from './dialog-store';
import { RowMenu } from './row-menu';
import { actionPath, plural, useActionRunner, useAnyPending, usePending } from './use-action-runner';

const NOUN = { one: 'cluster group', many: 'cluster groups' };
const REPO_LIMIT = 20;
const IMPACT_MAX_GROUPS = 20;

const VIA: Record<TargetingRepo['via'], string> = {
  clusterGroup: 'by name',
  clusterGroupSelector: 'by a group selector',
  default: 'as its default target',
};

function DeleteClusterGroupDialog({ rows, open, onClose, onDone }: { rows: readonly ClusterGroupRow[]; open: boolean; onClose(): void; onDone?(): void }) {
  const run = useActionRunner('clustergroups');
  const busy = useAnyPending('clustergroups');
  const [error, setError] = useState<ApiClientError | { code: string; message: string }>();
  const checked = rows.slice(0, IMPACT_MAX_GROUPS);
  const impacts = useQueries({
    queries: checked.map((row) => ({
      queryKey: [...fleetKeys.detail('clustergroups', row.workspace, row.name), { relations: REPO_LIMIT }],
      queryFn: () => apiGet(`${actionPath('clustergroups', row)}?limit=${REPO_LIMIT}`, clusterGroupDetailSchema),
      enabled: open,
      staleTime: 0,
    })),
  });
  const only = rows.length === 1 ? rows[0] : undefined;
  const loading = impacts.some((impact) => impact.isPending);

  const describe = (row: ClusterGroupRow, index: number) => {
    const impact = impacts[index];
    const repos = impact?.data?.relations.gitRepos;
    if (impact?.isPending) return <p className="text-slate-500 dark:text-slate-400">Checking which Git repos target it…</p>;
    if (!repos) return <p>Could not check which Git repos target it{impact?.error ? ` (${impact.error.message})` : ''}.</p>;
    const clusters = plural(row.clusterCount, 'cluster', 'clusters');
    if (repos.total === 0) {
      return (
        <p data-testid="delete-impact">
          No Git repo targets <strong className="font-mono">{row.name}</strong>; its {clusters} are not affected.
        </p>
      );
    }
    return (
      <div className="space-y-2" data-testid="delete-impact">
        <p>
          <strong>{plural(repos.total, 'Git repo targets', 'Git repos target')}</strong> <strong className="font-mono">{row.name}</strong>. Without the group they
          no longer deploy to its {clusters} (unless another target still selects them), and Fleet removes what they deployed there:
        </p>
        <ul className="list-inside list-disc text-xs">
          {repos.items.map((repo) => (
            <li key={`${repo.workspace}/${repo.name}`}>
              <Link href={detailHref('gitrepos', repo)} className="font-mono text-brand-700 hover:underline dark:text-brand-300">
                {repo.name}
              </Link>{' '}
              <span className="text-slate-600 dark:text-slate-400">({VIA[repo.via]})</span>
            </li>
          ))}
          {repos.total > repos.items.length ? <li className="list-none">…and {repos.total - repos.items.length} more</li> : null}
        </ul>
      </div>
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
      title={only ? `Delete cluster group ${only.name}?` : `Delete ${plural(rows.length, NOUN.one, NOUN.many)}?`}
      confirmLabel={loading ? 'Delete anyway' : 'Delete'}
      onConfirm={async () => {
        setError(undefined);
        const outcome = await run({
          targets: rows,
          perform: (row) => apiSend('DELETE', actionPath('clustergroups', row)),
          done: (count, one) => `Deleted ${one ? `cluster group ${one.name}` : plural(count, NOUN.one, NOUN.many)}`,
          failed: (count, of, one) => `Could not delete ${one ? one.name : `${count} of ${plural(of, NOUN.one, NOUN.many)}`}`,
          quietErrors: true,
        });
        if (outcome.failed.length === 0) {
          onClose();
          onDone?.();
        } else {
          setError(only ? outcome.failed[0]!.error : { code: 'partial', message: outcome.failed.map(({ target, error: failure }) => `${target.name}: ${failure.message}`).join('; ') });
        }
      }}
    >
      {only ? (
        describe(only, 0)
      ) : (
        <ul className="space-y-3">
          {rows.map((row, index) => (
            <li key={`${row.workspace}/${row.name}`}>{index < checked.length ? describe(row, index) : <span className="font-mono">{row.name}</span>}</li>
          ))}
        </ul>
      )}
      <p className="text-slate-600 dark:text-slate-400">The clusters themselves stay; only the group goes.</p>
    </ConfirmDialog>
  );
}

const HINTS = {
  edit: 'Change its description, labels and selector, with a live preview of the members',
  delete: 'Git repos that target it lose its clusters',
};

export function ClusterGroupRowActions({ row }: { row: ClusterGroupRow }) {
  const busy = usePending('clustergroups', row);
  const router = useRouter();
  return (
    <RowMenu
      label={`Actions for ${row.name}`}
      busy={busy}
      access={{ ws: row.workspace, kind: 'clustergroups' }}
      items={[
        { label: 'Edit', hint: HINTS.edit, verb: 'update', onSelect: () => router.push(editClusterGroupHref(row.workspace, row.name)) },
        { label: 'Delete…', hint: HINTS.delete, danger: true, onSelect: () => showDialog({ type: 'clustergroup-delete', rows: [row] }) },
      ]}
    />
  );
}

/** The detail page's header actions: Edit, and Delete (which lists the Git repos that target the group first). */
export function ClusterGroupDetailActions({ detail }: { detail: ClusterGroupDetail }) {
  const { workspace: ws, row } = detail;
  const router = useRouter();
  const busy = usePending('clustergroups', row);
  const canUpdate = useCanIn([ws], 'clustergroups', 'update');
  const canDelete = useCanIn([ws], 'clustergroups', 'delete');
  return (
    <>
      {canUpdate.allowed ? (
        <ButtonLink variant="secondary" href={editClusterGroupHref(ws, row.name)} title={HINTS.edit}>
          Edit
        </ButtonLink>
      ) : (
        <Button variant="secondary" disabled title={canUpdate.reason}>
          Edit
        </Button>
      )}
      <Button variant="danger" disabled={busy || !canDelete.allowed} onClick={() => showDialog({ type: 'clustergroup-delete', rows: [row], onDone: () => router.push(sectionHref(ws, 'clustergroups')) })} title={canDelete.reason ?? HINTS.delete}>
        Delete…
      </Button>
      <ClusterGroupDialogs />
    </>
  );
}

export function ClusterGroupBulkActions({ rows, clear }: { rows: ClusterGroupRow[]; clear(): void }) {
  const busy = useAnyPending('clustergroups');
  const canDelete = useCanIn(rows.map((row) => row.workspace), 'clustergroups', 'delete');
  return (
    <Button size="sm" variant="danger" disabled={busy || !canDelete.allowed} title={canDelete.reason} onClick={() => showDialog({ type: 'clustergroup-delete', rows, onDone: clear })}>
      Delete…
    </Button>
  );
}

/** Renders the cluster-group dialog a row or the bulk bar asked for. Mount once per list. */
export function ClusterGroupDialogs() {
  const { dialog, open, session, close } = useActionDialog();
  if (dialog?.type !== 'clustergroup-delete') return null;
  return <DeleteClusterGroupDialog key={session} rows={dialog.rows} open={open} onClose={close} onDone={dialog.onDone} />;
}
