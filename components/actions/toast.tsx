'use client';

import { useEffect } from 'react';
import { create } from 'zustand';

import { cx } from '@/components/ui/cx';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Feedback for actions; UI state only, like the preferences store. */
export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  push: (toast) => set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id: nextId++ }] })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

export function toast(toast: Omit<Toast, 'id'>): void {
  useToasts.getState().push(toast);
}

const TONES: Record<Toast['tone'], string> = {
  success: 'border-emerald-300 dark:border-emerald-800',
  error: 'border-rose-300 dark:border-rose-800',
  info: 'border-slate-300 dark:border-slate-700',
};

function ToastItem({ item }: { item: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    // Errors stay until dismissed: they may need reading.
    if (item.tone === 'error') return;
    const timer = setTimeout(() => dismiss(item.id), 6_000);
    return () => clearTimeout(timer);
  }, [item, dismiss]);
  return (
    <div
      className={cx('pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-white p-3 text-sm shadow-lg dark:bg-slate-900', TONES[item.tone])}
      data-testid="toast"
      data-tone={item.tone}
    >
      <span
        className={cx(
          'mt-1 size-2 shrink-0 rounded-full',
          item.tone === 'success' ? 'bg-emerald-600 dark:bg-emerald-400' : item.tone === 'error' ? 'bg-rose-600 dark:bg-rose-400' : 'bg-slate-500',
        )}
        aria-hidden="true"
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900 dark:text-slate-100">{item.title}</p>
        {item.detail ? <p className="mt-0.5 break-words whitespace-pre-line text-slate-600 dark:text-slate-400">{item.detail}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => dismiss(item.id)}
        className="-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        aria-label="Dismiss"
      >
        <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true">
          <path d="M4.3 4.3a1 1 0 0 1 1.4 0L8 6.6l2.3-2.3a1 1 0 1 1 1.4 1.4L9.4 8l2.3 2.3a1 1 0 0 1-1.4 1.4L8 9.4l-2.3 2.3a1 1 0 0 1-1.4-1.4L6.6 8 4.3 5.7a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
    </div>
  );
}

/**
 * Where toasts appear. Two live regions, so success is announced politely and errors at once.
 */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(26rem,calc(100vw-2rem))] flex-col gap-2">
      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {toasts
          .filter((item) => item.tone !== 'error')
          .map((item) => (
            <ToastItem key={item.id} item={item} />
          ))}
      </div>
      <div role="alert" aria-live="assertive" className="flex flex-col gap-2">
        {toasts
          .filter((item) => item.tone === 'error')
          .map((item) => (
            <ToastItem key={item.id} item={item} />
          ))}
      </div>
    </div>
  );
}
