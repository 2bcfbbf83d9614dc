'use client';

import type { LabelRow } from '@/components/actions/label-rules';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { Icon } from '@/components/ui/icons';

import { labelProblems, labelRow } from './form-state';

const inputClass = 'h-9 w-full rounded-md border bg-white px-2.5 font-mono text-[13px] text-slate-900 shadow-xs dark:bg-slate-950 dark:text-slate-100';

/** The group's own labels (what a GitRepo's `clusterGroupSelector` matches), as key = value rows. */
export function LabelsField({ id, rows, onChange, error, revealAll }: { id: string; rows: LabelRow[]; onChange(rows: LabelRow[]): void; error?: string; revealAll: boolean }) {
  const problems = labelProblems(rows);
  const edit = (rowId: number, part: 'key' | 'value', value: string) => onChange(rows.map((row) => (row.id === rowId ? { ...row, [part]: value } : row)));
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium">Labels (optional)</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        A Git repo can pick cluster groups by these labels (a target&apos;s <code className="font-mono">clusterGroupSelector</code>).
      </p>
      {rows.map((row, index) => {
        const found = problems.get(row.id);
        const keyError = revealAll || row.key !== '' || row.value !== '' ? found?.key : undefined;
        const valueError = revealAll || row.value !== '' ? found?.value : undefined;
        const keyId = `${id}-${row.id}-key`;
        const valueId = `${id}-${row.id}-value`;
        return (
          <div key={row.id} className="grid grid-cols-[1fr_auto_1fr_2.25rem] items-start gap-2" data-testid="group-label-row">
            <div>
              <input
                id={keyId}
                aria-label={`Key of label ${index + 1}`}
                value={row.key}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => edit(row.id, 'key', event.target.value)}
                aria-invalid={keyError ? true : undefined}
                aria-describedby={keyError ? `${keyId}-error` : undefined}
                className={cx(inputClass, keyError ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700')}
              />
              {keyError ? (
                <p id={`${keyId}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300">
                  {keyError.charAt(0).toUpperCase() + keyError.slice(1)}
                </p>
              ) : null}
            </div>
            <span className="pt-2 font-mono text-sm text-slate-500" aria-hidden="true">
              =
            </span>
            <div>
              <input
                id={valueId}
                aria-label={`Value of label ${index + 1}`}
                value={row.value}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => edit(row.id, 'value', event.target.value)}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={valueError ? `${valueId}-error` : undefined}
                className={cx(inputClass, valueError ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700')}
              />
              {valueError ? (
                <p id={`${valueId}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300">
                  {valueError.charAt(0).toUpperCase() + valueError.slice(1)}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              aria-label={`Remove label ${row.key.trim() || index + 1}`}
              title="Remove label"
              onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
              className="inline-flex size-9 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-rose-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-rose-300"
            >
              <Icon name="trash" className="size-4" />
            </button>
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, labelRow()])}>
        Add label
      </Button>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-700 dark:text-rose-300" data-testid="labels-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
