'use client';

import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { KeyValueRows } from '@/components/ui/key-value-rows';
import { apiSend } from '@/lib/api/client';
import type { ClusterRow } from '@/lib/api/schemas';
import { isReservedLabelKey } from '@/lib/fleet/labels';

import { labelPatch, placeServerError, validateLabelRows, type LabelRow, type PlacedError } from './label-rules';
import { actionPath, useActionRunner, useAnyPending, type ActionFailure } from './use-action-runner';

let nextRowId = 1;
const toRows = (labels: Record<string, string>): LabelRow[] =>
  Object.entries(labels)
    .filter(([key]) => !isReservedLabelKey(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ id: nextRowId++, key, value }));

/** Mounted afresh for each opening (the dialog host keys it), so it starts from the labels the row has then. */
export function EditLabelsDialog({ cluster, open, onClose }: { cluster: ClusterRow; open: boolean; onClose(): void }) {
  const run = useActionRunner('clusters');
  const busy = useAnyPending('clusters');
  const [rows, setRows] = useState<LabelRow[]>(() => toRows(cluster.labels));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [server, setServer] = useState<PlacedError>();
  const baseId = useId();

  const problems = validateLabelRows(rows);
  const patch = labelPatch(cluster.labels, rows);
  const changes = Object.keys(patch.set).length + patch.remove.length;
  const reserved = Object.entries(cluster.labels).filter(([key]) => isReservedLabelKey(key));

  const edit = (id: number, part: 'key' | 'value', value: string) => {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, [part]: value } : row)));
    if (server?.rowId === id) setServer(undefined);
  };
  const touch = (id: number, part: 'key' | 'value') => setTouched((current) => new Set(current).add(`${id}:${part}`));

  const submit = async () => {
    setTouched(new Set(rows.flatMap((row) => [`${row.id}:key`, `${row.id}:value`])));
    if (problems.size > 0 || changes === 0) return;
    setServer(undefined);
    const outcome = await run({
      targets: [cluster],
      perform: (target) => apiSend('PATCH', actionPath('clusters', target, 'labels'), patch),
      done: () => `Saved labels of ${cluster.name}`,
      failed: () => `Could not save labels of ${cluster.name}`,
      detail: [Object.keys(patch.set).length && `${Object.keys(patch.set).length} set`, patch.remove.length && `${patch.remove.length} removed`].filter(Boolean).join(', '),
      quietErrors: true,
    });
    const failure: ActionFailure<ClusterRow> | undefined = outcome.failed[0];
    if (!failure) onClose();
    else setServer(placeServerError(failure.error.field, failure.error.message, rows, patch));
  };

  const formId = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissable={!busy}
      size="lg"
      testId="labels-dialog"
      title={`Edit labels of ${cluster.displayName}`}
      description={
        <>
          GitRepo targets and cluster groups select clusters by these labels, so a change here can add or remove deployments on{' '}
          <span className="font-mono">{cluster.name}</span>.
        </>
      }
      footer={
        <>
          <span className="mr-auto self-center text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {changes === 0 ? 'No changes' : `${changes} change${changes === 1 ? '' : 's'}`}
          </span>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={changes === 0} pending={busy}>
            Save labels
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="grid grid-cols-[1fr_1fr_2.25rem] gap-2 text-xs font-medium text-slate-600 dark:text-slate-400" aria-hidden="true">
          <span>Key</span>
          <span>Value</span>
        </div>
        {rows.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No labels of its own yet.</p> : null}
        <KeyValueRows
          noun="label"
          rows={rows}
          rowTestId="label-row"
          errorTestIds={{ key: 'label-key-error', value: 'label-value-error' }}
          inputId={(rowId, part) => `${baseId}-${part === 'key' ? 'k' : 'v'}${rowId}`}
          messages={(row) => {
            const local = problems.get(row.id);
            const fromServer = server?.rowId === row.id ? server : undefined;
            // As you type; an empty key only complains once the field was left (or on save).
            const shown = (part: 'key' | 'value', filled: boolean) =>
              (touched.has(`${row.id}:${part}`) || filled ? local?.[part] : undefined) ?? (fromServer?.part === part ? fromServer.message : undefined);
            return { key: shown('key', row.key !== ''), value: shown('value', row.value !== '') };
          }}
          onEdit={edit}
          onBlur={touch}
          onRemove={(rowId) => setRows((current) => current.filter((other) => other.id !== rowId))}
          onAdd={() => setRows((current) => [...current, { id: nextRowId++, key: '', value: '' }])}
        />
        {server && server.rowId === undefined ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/60 dark:text-rose-200">
            {server.message}
          </p>
        ) : null}
        {reserved.length > 0 ? (
          <details className="pt-2 text-sm">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{reserved.length} labels managed by Fleet and Rancher (read-only)</summary>
            <ul className="mt-2 space-y-1 font-mono text-xs text-slate-700 dark:text-slate-300">
              {reserved.map(([key, value]) => (
                <li key={key} className="break-all">
                  {key}={value}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </form>
    </Dialog>
  );
}
