'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

import { Button, cx } from './primitives';

export interface DialogProps {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  /** Short text under the title (also the dialog's accessible description). */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons; when `onSubmit` is set, the body is a form and a submit button submits it. */
  footer?: ReactNode;
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  size?: 'md' | 'lg';
  /** Blocks closing with Escape or the backdrop while something is in flight. */
  busy?: boolean;
  testId?: string;
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, puts it in the top layer (no
 * clipping by the table's scroll box), closes it on Escape and gives focus back on close.
 */
export function Dialog({ open, onClose, title, description, children, footer, onSubmit, size = 'md', busy, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const body = (
    <>
      <div className="space-y-1.5 px-5 pt-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="text-sm text-slate-600 dark:text-slate-400">
            {description}
          </div>
        ) : null}
      </div>
      {children ? <div className="px-5 pt-4">{children}</div> : null}
      {footer ? <div className="mt-5 flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 dark:border-slate-800 dark:bg-slate-900/60">{footer}</div> : <div className="h-5" />}
    </>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === ref.current && !busy) onClose();
      }}
      className={cx(
        'm-auto w-[calc(100%-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-100',
        size === 'lg' ? 'max-w-2xl' : 'max-w-lg',
      )}
    >
      {open ? (
        onSubmit ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              onSubmit(event);
            }}
          >
            {body}
          </form>
        ) : (
          body
        )
      ) : null}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  onClose(): void;
  onConfirm(): void;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  pending?: boolean;
  /** The BFF's message when the last attempt failed. */
  error?: string;
  testId?: string;
}

export function ConfirmDialog({ open, onClose, onConfirm, title, children, confirmLabel, tone = 'primary', pending, error, testId }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      busy={pending}
      testId={testId}
      onSubmit={() => onConfirm()}
      footer={
        <>
          {/* A destructive confirmation starts on Cancel, so Enter does not delete by accident. */}
          <Button onClick={onClose} disabled={pending} autoFocus={tone === 'danger'}>
            Cancel
          </Button>
          <Button type="submit" variant={tone === 'danger' ? 'danger' : 'primary'} disabled={pending} autoFocus={tone !== 'danger'}>
            {pending ? 'Working…' : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700 dark:text-slate-300">{children}</div>
      {error ? (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/60 dark:text-rose-200">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
