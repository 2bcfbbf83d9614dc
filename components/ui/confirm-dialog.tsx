'use client';

/**
 * "Are you sure?" for destructive or consequential actions, optionally requiring the user to
 * type a word (e.g. the object's name) before the confirm button works.
 *
 *   <ConfirmDialog
 *     open={open} onClose={() => setOpen(false)}
 *     title={`Delete workspace ${name}?`}
 *     confirmLabel="Delete workspace" tone="danger" requireText={name}
 *     pending={mutation.isPending} error={mutation.error}
 *     onConfirm={() => mutation.mutate()}>
 *     <p>3 clusters and 2 Git repos will be deleted.</p>
 *   </ConfirmDialog>
 *
 * Props: `open`, `onClose`, `onConfirm`, `title`, `children` (the consequences), `confirmLabel`
 * (default "Confirm"), `tone` 'danger' | 'primary' (default 'danger'), `requireText` (must be
 * typed exactly; the field is labelled "Type <text> to confirm"), `pending` (spinner; Escape and
 * Cancel disabled), `error` (shown above the buttons, see ErrorState's describeError).
 */
import { useId, useState, type ReactNode } from 'react';

import { Button } from './button';
import { Dialog } from './dialog';
import { describeError } from './error-state';

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel?: string;
  tone?: 'danger' | 'primary';
  requireText?: string;
  pending?: boolean;
  error?: unknown;
}

export function ConfirmDialog({ open, onClose, title, ...rest }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} size="md" dismissable={!rest.pending} testId="confirm-dialog">
      <ConfirmBody onClose={onClose} {...rest} />
    </Dialog>
  );
}

function ConfirmBody({ onClose, onConfirm, children, confirmLabel = 'Confirm', tone = 'danger', requireText, pending = false, error }: Omit<ConfirmDialogProps, 'open' | 'title'>) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const matches = requireText === undefined || typed === requireText;
  const problem = error ? describeError(error) : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (matches && !pending) onConfirm();
      }}
      className="space-y-4"
    >
      <div className="space-y-2 text-sm text-slate-700 dark:text-slate-300">{children}</div>
      {requireText !== undefined ? (
        <div className="space-y-1.5">
          <label htmlFor={inputId} className="block text-sm font-medium">
            Type <span className="font-mono font-semibold">{requireText}</span> to confirm
          </label>
          <input
            id={inputId}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            className="block h-9 w-full rounded-md border border-slate-300 bg-white px-3 font-mono text-sm shadow-xs dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950/50 dark:text-rose-100">
          {problem.message} <span className="font-mono text-xs">({problem.code})</span>
        </p>
      ) : null}
      <div className="-mx-5 -mb-4 flex flex-wrap justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant={tone === 'danger' ? 'danger' : 'primary'} disabled={!matches} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </form>
  );
}
