'use client';

/**
 * Editable rows for a Kubernetes label selector: `matchLabels` (key = value) and
 * `matchExpressions` (key, operator, values). Controlled from the outside through `value` and
 * `onChange`; rows being typed (a key without its value yet, a trailing comma) live here, so the
 * selector handed out is always the one the rows stand for.
 *
 *   <LabelSelectorEditor id="selector" label="Cluster selector" value={selector} onChange={setSelector} error={submitError} />
 *
 * Problems show per row as you type (or once a field is left); `error` (from the parent, e.g. a
 * refused submit or the BFF) shows under the editor and reveals every row's problems.
 */
import { useId, useState, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { KeyValueRows, RemoveRowButton, RowInput, RowMessage, rowInputClass, rowMessageId } from '@/components/ui/key-value-rows';
import type { LabelSelector } from '@/lib/k8s/label-selector';

import {
  emptyExpressionRow,
  emptyLabelRow,
  EXPRESSION_OPERATORS,
  OPERATOR_LABELS,
  repeatedLabelKeys,
  rowsToSelector,
  selectorFingerprint,
  selectorProblems,
  selectorToRows,
  takesValues,
  type ExpressionRow,
  type MatchLabelRow,
  type SelectorRows,
} from './selector-rows';

export interface LabelSelectorEditorProps {
  id: string;
  label: string;
  value: LabelSelector | undefined;
  onChange(value: LabelSelector): void;
  error?: string;
  /** Shown under the label, e.g. what an empty selector means here. */
  hint?: ReactNode;
}

export function LabelSelectorEditor({ id, label, value, onChange, error, hint }: LabelSelectorEditorProps) {
  const [rows, setRows] = useState<SelectorRows>(() => selectorToRows(value));
  // The selector last handed out (or taken in): a `value` that differs from it was set from
  // outside (a reset, YAML edited elsewhere), and the rows start again from it.
  const [emitted, setEmitted] = useState(() => selectorFingerprint(value ?? {}));
  const incoming = selectorFingerprint(value ?? {});
  if (incoming !== emitted) {
    setEmitted(incoming);
    setRows(selectorToRows(value));
  }
  const headingId = useId();
  const baseId = `${id}-row`;

  const problems = selectorProblems(rows);
  const repeated = repeatedLabelKeys(rows);
  const revealAll = Boolean(error);
  // A message shows once there is something to judge, or after a refused submit: "required"
  // messages that appeared on blur would move the page under the pointer (and eat the click).
  const show = (filled: boolean, message: string | undefined) => (revealAll || filled ? message : undefined);

  const update = (next: SelectorRows) => {
    setRows(next);
    const selector = rowsToSelector(next);
    setEmitted(selectorFingerprint(selector));
    onChange(selector);
  };
  const editLabel = (rowId: number, change: Partial<MatchLabelRow>) => update({ ...rows, labels: rows.labels.map((row) => (row.id === rowId ? { ...row, ...change } : row)) });
  const editExpression = (rowId: number, change: Partial<ExpressionRow>) =>
    update({ ...rows, expressions: rows.expressions.map((row) => (row.id === rowId ? { ...row, ...change } : row)) });

  const operators: string[] = [...EXPRESSION_OPERATORS];
  const empty = rows.labels.length === 0 && rows.expressions.length === 0;

  return (
    <fieldset id={id} className="space-y-4" aria-describedby={error ? `${id}-error` : undefined} data-testid="label-selector-editor">
      <legend id={headingId} className="text-sm font-medium">
        {label}
      </legend>
      {hint ? <div className="-mt-2 text-xs text-slate-600 dark:text-slate-400">{hint}</div> : null}

      <div className="space-y-2" role="group" aria-label="Match labels">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Labels that must equal</h3>
        {rows.labels.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No label rule.</p> : null}
        <KeyValueRows
          noun="label rule"
          rows={rows.labels}
          equalsSign
          rowTestId="match-label-row"
          errorTestIds={{ key: 'selector-row-error', value: 'selector-row-error' }}
          placeholders={{ key: 'key, e.g. env', value: 'value' }}
          inputId={(rowId, part) => `${baseId}-l${rowId}-${part}`}
          messages={(row) => {
            const rowProblems = problems.labels.get(row.id);
            return {
              key: show(row.key !== '', rowProblems?.key),
              value: show(row.value !== '', rowProblems?.value),
              keyNote: repeated.has(row.id) ? 'This key is also used above: a cluster must match both rows.' : undefined,
            };
          }}
          onEdit={(rowId, part, text) => editLabel(rowId, { [part]: text })}
          onRemove={(rowId) => update({ ...rows, labels: rows.labels.filter((other) => other.id !== rowId) })}
          onAdd={() => update({ ...rows, labels: [...rows.labels, emptyLabelRow()] })}
        />
      </div>

      <div className="space-y-2" role="group" aria-label="Match expressions">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Expressions</h3>
        {rows.expressions.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No expression.</p> : null}
        {rows.expressions.map((row, index) => {
          const rowProblems = problems.expressions.get(row.id);
          const keyError = show(row.key !== '', rowProblems?.key);
          const operatorError = rowProblems?.operator;
          const withValues = takesValues(row.operator);
          const valuesError = withValues ? show(row.values !== '', rowProblems?.values) : undefined;
          const keyId = `${baseId}-e${row.id}-key`;
          const operatorId = `${baseId}-e${row.id}-operator`;
          const valuesId = `${baseId}-e${row.id}-values`;
          const options = operators.includes(row.operator) ? operators : [...operators, row.operator];
          return (
            <div key={row.id} className="grid grid-cols-[1fr_9rem_1fr_2.25rem] items-start gap-2" data-testid="match-expression-row">
              <RowInput
                id={keyId}
                label={`Key of expression ${index + 1}`}
                placeholder="key, e.g. region"
                value={row.key}
                onChange={(key) => editExpression(row.id, { key })}
                error={keyError}
                errorTestId="selector-row-error"
              />
              <div>
                <select
                  id={operatorId}
                  aria-label={`Operator of expression ${index + 1}`}
                  value={row.operator}
                  onChange={(event) => editExpression(row.id, { operator: event.target.value })}
                  aria-invalid={operatorError ? true : undefined}
                  aria-describedby={operatorError ? rowMessageId(operatorId) : undefined}
                  className={cx(rowInputClass(Boolean(operatorError)), 'px-2 font-sans')}
                >
                  {options.map((operator) => (
                    <option key={operator} value={operator}>
                      {OPERATOR_LABELS[operator] ?? operator}
                    </option>
                  ))}
                </select>
                <RowMessage inputId={operatorId} text={operatorError} testId="selector-row-error" />
              </div>
              <RowInput
                id={valuesId}
                label={`Values of expression ${index + 1}, separated by commas`}
                placeholder={withValues ? 'values, e.g. eu, us' : 'no values for this operator'}
                value={withValues ? row.values : ''}
                disabled={!withValues}
                onChange={(values) => editExpression(row.id, { values })}
                error={valuesError}
                errorTestId="selector-row-error"
              />
              <RemoveRowButton label={`Remove expression ${row.key.trim() || index + 1}`} onClick={() => update({ ...rows, expressions: rows.expressions.filter((other) => other.id !== row.id) })} />
            </div>
          );
        })}
        <Button variant="secondary" size="sm" icon="plus" onClick={() => update({ ...rows, expressions: [...rows.expressions, emptyExpressionRow()] })}>
          Add expression
        </Button>
      </div>

      {empty ? <p className="text-xs text-slate-600 dark:text-slate-400">With no rule, the selector is empty.</p> : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="selector-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
