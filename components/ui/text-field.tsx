/**
 * A labelled text input with a hint and an error, wired for screen readers (aria-invalid,
 * aria-describedby). Uncontrolled or controlled like a plain <input>.
 *
 *   <TextField label="Name" hint="Lowercase letters, digits and '-'" error={nameError} value={name} onChange={…} />
 *
 * Props: `label`, `hint`, `error` (a string shows it in red and marks the input invalid),
 * `mono` (monospace input), plus every <input> prop. `id` defaults to a generated one.
 */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

import { cx } from './cx';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  mono?: boolean;
}

export function TextField({ label, hint, error, mono = false, id, className, ...props }: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(
          'block h-9 w-full rounded-md border bg-white px-3 text-sm shadow-xs dark:bg-slate-950',
          mono && 'font-mono',
          error ? 'border-rose-500 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700',
        )}
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm text-rose-700 dark:text-rose-300" data-testid="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
