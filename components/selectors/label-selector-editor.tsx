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
import { Icon } from '@/components/ui/icons';
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

const inputClass = 'h-9 w-full rounded-md border bg-white px-2.5 font-mono text-[13px] text-slate-900 shadow-xs disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:disabled:bg-slate-800 dark:disabled:text-slate-400';
const borderClass = (invalid: boolean) => (invalid ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700');

function FieldMessage({ id, text, tone = 'error' }: { id: string; text: string | undefined; tone?: 'error' | 'note' }) {
  if (!text) return null;
  return (
    <p id={id} className={cx('mt-1 text-xs', tone === 'error' ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400')} data-testid={tone === 'error' ? 'selector-row-error' : undefined}>
      {text}
    </p>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="inline-flex size-9 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-rose-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-rose-300"
    >
      <Icon name="trash" className="size-4" />
    </button>
  );
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
        {rows.labels.map((row, index) => {
          const rowProblems = problems.labels.get(row.id);
          const keyError = show(row.key !== '', rowProblems?.key);
          const valueError = show(row.value !== '', rowProblems?.value);
          const note = repeated.has(row.id) && !keyError ? 'This key is also used above: a cluster must match both rows.' : undefined;
          const keyId = `${baseId}-l${row.id}-key`;
          const valueId = `${baseId}-l${row.id}-value`;
          return (
            <div key={row.id} className="grid grid-cols-[1fr_auto_1fr_2.25rem] items-start gap-2" data-testid="match-label-row">
              <div>
                <input
                  id={keyId}
                  aria-label={`Key of label rule ${index + 1}`}
                  placeholder="key, e.g. env"
                  value={row.key}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => editLabel(row.id, { key: event.target.value })}
                  aria-invalid={keyError ? true : undefined}
                  aria-describedby={keyError || note ? `${keyId}-msg` : undefined}
                  className={cx(inputClass, borderClass(Boolean(keyError)))}
                />
                <FieldMessage id={`${keyId}-msg`} text={keyError ?? note} tone={keyError ? 'error' : 'note'} />
              </div>
              <span className="pt-2 font-mono text-sm text-slate-500" aria-hidden="true">
                =
              </span>
              <div>
                <input
                  id={valueId}
                  aria-label={`Value of label rule ${index + 1}`}
                  placeholder="value"
                  value={row.value}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => editLabel(row.id, { value: event.target.value })}
                  aria-invalid={valueError ? true : undefined}
                  aria-describedby={valueError ? `${valueId}-msg` : undefined}
                  className={cx(inputClass, borderClass(Boolean(valueError)))}
                />
                <FieldMessage id={`${valueId}-msg`} text={valueError} />
              </div>
              <RemoveButton label={`Remove label rule ${row.key.trim() || index + 1}`} onClick={() => update({ ...rows, labels: rows.labels.filter((other) => other.id !== row.id) })} />
            </div>
          );
        })}
        <Button variant="secondary" size="sm" icon="plus" onClick={() => update({ ...rows, labels: [...rows.labels, emptyLabelRow()] })}>
          Add label rule
        </Button>
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
              <div>
                <input
                  id={keyId}
                  aria-label={`Key of expression ${index + 1}`}
                  placeholder="key, e.g. region"
                  value={row.key}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => editExpression(row.id, { key: event.target.value })}
                  aria-invalid={keyError ? true : undefined}
                  aria-describedby={keyError ? `${keyId}-msg` : undefined}
                  className={cx(inputClass, borderClass(Boolean(keyError)))}
                />
                <FieldMessage id={`${keyId}-msg`} text={keyError} />
              </div>
              <div>
                <select
                  id={operatorId}
                  aria-label={`Operator of expression ${index + 1}`}
                  value={row.operator}
                  onChange={(event) => editExpression(row.id, { operator: event.target.value })}
                  aria-invalid={operatorError ? true : undefined}
                  aria-describedby={operatorError ? `${operatorId}-msg` : undefined}
                  className={cx(inputClass, 'px-2 font-sans', borderClass(Boolean(operatorError)))}
                >
                  {options.map((operator) => (
                    <option key={operator} value={operator}>
                      {OPERATOR_LABELS[operator] ?? operator}
                    </option>
                  ))}
                </select>
                <FieldMessage id={`${operatorId}-msg`} text={operatorError} />
              </div>
              <div>
                <input
                  id={valuesId}
                  aria-label={`Values of expression ${index + 1}, separated by commas`}
                  placeholder={withValues ? 'values, e.g. eu, us' : 'no values for this operator'}
                  value={withValues ? row.values : ''}
                  disabled={!withValues}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => editExpression(row.id, { values: event.target.value })}
                  aria-invalid={valuesError ? true : undefined}
                  aria-describedby={valuesError ? `${valuesId}-msg` : undefined}
                  className={cx(inputClass, borderClass(Boolean(valuesError)))}
                />
                <FieldMessage id={`${valuesId}-msg`} text={valuesError} />
              </div>
              <RemoveButton label={`Remove expression ${row.key.trim() || index + 1}`} onClick={() => update({ ...rows, expressions: rows.expressions.filter((other) => other.id !== row.id) })} />
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
