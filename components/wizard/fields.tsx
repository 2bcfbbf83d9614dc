'use client';

/**
 * Form controls of the Git Repo wizard that components/ui does not have: text areas, check
 * boxes, radio groups, selects, and the list editors (key/value rows, string rows). Every control
 * has a visible label; an error sets aria-invalid and is tied to the control by aria-describedby.
 */
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import type { KeyValueRow } from '@/lib/gitrepo-form/form-state';

export const inputClass = (invalid: boolean, mono = false) =>
  cx(
    'block w-full rounded-md border bg-white px-3 text-sm shadow-xs dark:bg-slate-950',
    mono && 'font-mono',
    invalid ? 'border-rose-500 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700',
  );

/** The id of a field's error message, for aria-describedby. */
export const errorId = (id: string) => `${id}-error`;
const hintId = (id: string) => `${id}-hint`;

export function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [error ? errorId(id) : undefined, hint ? hintId(id) : undefined].filter(Boolean).join(' ') || undefined;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className="text-sm text-rose-700 dark:text-rose-300" data-testid="field-error">
      {error}
    </p>
  );
}

export function FieldHint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={hintId(id)} className="text-xs text-slate-600 dark:text-slate-400">
      {hint}
    </p>
  );
}

export function TextArea({ id, label, hint, error, mono, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string; mono?: boolean }) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={cx(inputClass(Boolean(error), mono), 'min-h-24 py-2')} {...props} />
      <FieldError id={id} error={error} />
      <FieldHint id={id} hint={hint} />
    </div>
  );
}

export function SelectField({ id, label, hint, error, children, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string }) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} className={cx(inputClass(Boolean(error)), 'h-9')} {...props}>
        {children}
      </select>
      <FieldError id={id} error={error} />
      <FieldHint id={id} hint={hint} />
    </div>
  );
}

export function Checkbox({ id, label, hint, checked, onChange, disabled }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; onChange(checked: boolean): void; disabled?: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 rounded border-slate-300 accent-brand-700"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? hintId(id) : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <FieldHint id={id} hint={hint} />
      </div>
    </div>
  );
}

export interface RadioOption<T extends string> {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
}

export function RadioGroup<T extends string>({ id, legend, options, value, onChange, error }: { id: string; legend: ReactNode; options: readonly RadioOption<T>[]; value: T; onChange(value: T): void; error?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId(id) : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <div key={option.value} className="flex items-start gap-2">
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={id}
            className="mt-0.5 size-4 accent-brand-700"
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            aria-describedby={option.hint ? hintId(`${id}-${option.value}`) : undefined}
          />
          <div>
            <label htmlFor={`${id}-${option.value}`} className="text-sm">
              {option.label}
            </label>
            <FieldHint id={`${id}-${option.value}`} hint={option.hint} />
          </div>
        </div>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** Key/value rows (labels, annotations). */
export function KeyValueEditor({ id, label, rows, onChange, error, keyLabel = 'Key', valueLabel = 'Value', addLabel }: { id: string; label: string; rows: KeyValueRow[]; onChange(rows: KeyValueRow[]): void; error?: string; keyLabel?: string; valueLabel?: string; addLabel: string }) {
  const set = (index: number, patch: Partial<KeyValueRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId(id) : undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      {rows.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">None.</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="flex items-end gap-2">
          <div className="flex-1 space-y-1">
            <label htmlFor={`${id}-${index}-key`} className="block text-xs text-slate-600 dark:text-slate-400">
              {keyLabel} {index + 1}
            </label>
            <input id={`${id}-${index}-key`} className={cx(inputClass(Boolean(error), true), 'h-9')} value={row.key} aria-invalid={error ? true : undefined} onChange={(event) => set(index, { key: event.target.value })} />
          </div>
          <div className="flex-1 space-y-1">
            <label htmlFor={`${id}-${index}-value`} className="block text-xs text-slate-600 dark:text-slate-400">
              {valueLabel} {index + 1}
            </label>
            <input id={`${id}-${index}-value`} className={cx(inputClass(false, true), 'h-9')} value={row.value} onChange={(event) => set(index, { value: event.target.value })} />
          </div>
          <Button variant="ghost" size="sm" icon="close" aria-label={`Remove ${label.toLowerCase()} row ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
        </div>
      ))}
      <FieldError id={id} error={error} />
      <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}

/** A list of strings edited as rows (paths); each row has its own error. */
export function StringListEditor({ id, label, itemLabel, rows, onChange, errors, addLabel, hint, placeholder }: { id: string; label: string; itemLabel: string; rows: string[]; onChange(rows: string[]): void; errors: (index: number) => string | undefined; addLabel: string; hint?: ReactNode; placeholder?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={hint ? hintId(id) : undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      <FieldHint id={id} hint={hint} />
      {rows.map((row, index) => {
        const rowId = `${id}-${index}`;
        const error = errors(index);
        return (
          <div key={index} className="space-y-1">
            <div className="flex items-end gap-2">
              <div className="flex-1 space-y-1">
                <label htmlFor={rowId} className="block text-xs text-slate-600 dark:text-slate-400">
                  {itemLabel} {index + 1}
                </label>
                <input
                  id={rowId}
                  className={cx(inputClass(Boolean(error), true), 'h-9')}
                  value={row}
                  placeholder={placeholder}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId(rowId) : undefined}
                  onChange={(event) => onChange(rows.map((value, i) => (i === index ? event.target.value : value)))}
                />
              </div>
              <Button variant="ghost" size="sm" icon="close" aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
            </div>
            <FieldError id={rowId} error={error} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, ''])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
