'use client';

import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { Dialog } from '@/components/ui/dialog';
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

const inputClass =
  'h-9 w-full rounded-md border bg-white px-2.5 font-mono text-[13px] text-slate-900 shadow-xs dark:bg-slate-900 dark:text-slate-100';

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
        <div className="grid grid-cols-[1fr_1fr_2rem] gap-2 text-xs font-medium text-slate-600 dark:text-slate-400" aria-hidden="true">
          <span>Key</span>
          <span>Value</span>
        </div>
        {rows.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No labels of its own yet.</p> : null}
        {rows.map((row, index) => {
          const local = problems.get(row.id);
          const fromServer = server?.rowId === row.id ? server : undefined;
          // As you type; an empty key only complains once the field was left (or on save).
          const keyError = (touched.has(`${row.id}:key`) || row.key !== '' ? local?.key : undefined) ?? (fromServer?.part === 'key' ? fromServer.message : undefined);
          const valueError = (touched.has(`${row.id}:value`) || row.value !== '' ? local?.value : undefined) ?? (fromServer?.part === 'value' ? fromServer.message : undefined);
          const keyId = `${baseId}-k${row.id}`;
          const valueId = `${baseId}-v${row.id}`;
          return (
            <div key={row.id} className="grid grid-cols-[1fr_1fr_2rem] items-start gap-2" data-testid="label-row">
              <div>
                <input
                  id={keyId}
                  aria-label={`Key of label ${index + 1}`}
                  value={row.key}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => edit(row.id, 'key', event.target.value)}
                  onBlur={() => touch(row.id, 'key')}
                  aria-invalid={keyError ? true : undefined}
                  aria-describedby={keyError ? `${keyId}-error` : undefined}
                  className={cx(inputClass, keyError ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700')}
                />
                {keyError ? (
                  <p id={`${keyId}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300" data-testid="label-key-error">
                    {keyError}
                  </p>
                ) : null}
              </div>
              <div>
                <input
                  id={valueId}
                  aria-label={`Value of label ${index + 1}`}
                  value={row.value}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => edit(row.id, 'value', event.target.value)}
                  onBlur={() => touch(row.id, 'value')}
                  aria-invalid={valueError ? true : undefined}
                  aria-describedby={valueError ? `${valueId}-error` : undefined}
                  className={cx(inputClass, valueError ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700')}
                />
                {valueError ? (
                  <p id={`${valueId}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300" data-testid="label-value-error">
                    {valueError}
                  </p>
                ) : null}
              </div>
              <button
                type="button"
                aria-label={`Remove label ${row.key || index + 1}`}
                onClick={() => setRows((current) => current.filter((other) => other.id !== row.id))}
                className="inline-flex size-9 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-rose-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-rose-300"
              >
                <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true">
                  <path d="M4.3 4.3a1 1 0 0 1 1.4 0L8 6.6l2.3-2.3a1 1 0 1 1 1.4 1.4L9.4 8l2.3 2.3a1 1 0 0 1-1.4 1.4L8 9.4l-2.3 2.3a1 1 0 0 1-1.4-1.4L6.6 8 4.3 5.7a1 1 0 0 1 0-1.4Z" />
                </svg>
              </button>
            </div>
          );
        })}
        <Button variant="secondary" size="sm" icon="plus" onClick={() => setRows((current) => [...current, { id: nextRowId++, key: '', value: '' }])}>
          Add label
        </Button>
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
