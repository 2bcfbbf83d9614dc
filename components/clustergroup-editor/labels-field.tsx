'use client';

import type { LabelRow } from '@/components/actions/label-rules';
import { KeyValueRows } from '@/components/ui/key-value-rows';

import { labelProblems, labelRow } from './form-state';

const sentence = (text: string | undefined) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : undefined);

/** The group's own labels (what a GitRepo's `clusterGroupSelector` matches), as key = value rows. */
export function LabelsField({ id, rows, onChange, error, revealAll }: { id: string; rows: LabelRow[]; onChange(rows: LabelRow[]): void; error?: string; revealAll: boolean }) {
  const problems = labelProblems(rows);
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium">Labels (optional)</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        A Git repo can pick cluster groups by these labels (a target&apos;s <code className="font-mono">clusterGroupSelector</code>).
      </p>
      <KeyValueRows
        noun="label"
        rows={rows}
        equalsSign
        rowTestId="group-label-row"
        inputId={(rowId, part) => `${id}-${rowId}-${part}`}
        messages={(row) => {
          const found = problems.get(row.id);
          return {
            key: sentence(revealAll || row.key !== '' || row.value !== '' ? found?.key : undefined),
            value: sentence(revealAll || row.value !== '' ? found?.value : undefined),
          };
        }}
        onEdit={(rowId, part, value) => onChange(rows.map((row) => (row.id === rowId ? { ...row, [part]: value } : row)))}
        onRemove={(rowId) => onChange(rows.filter((row) => row.id !== rowId))}
        onAdd={() => onChange([...rows, labelRow()])}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-700 dark:text-rose-300" data-testid="labels-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
