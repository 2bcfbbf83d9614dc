'use client';

import { useEffect, useState, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { Card as SharedCard } from '@/components/ui/card';
import { RelativeTime as SharedRelativeTime } from '@/components/ui/relative-time';
import { StateBadge as SharedStateBadge } from '@/components/ui/state-badge';
import type { StateBucket } from '@/lib/api/schemas';
import { stateBucket } from '@/lib/fleet/state';

import { BUCKET_TONE } from './format';

/**
 * The detail pages' small building blocks: thin adapters over the shared kit in components/ui
 * (Button, StateBadge, Card, Skeleton, RelativeTime) plus what only detail pages need (field
 * lists, stat tiles, relation tables, copy buttons).
 */

export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

// ---- adapters over components/ui -------------------------------------------------------------

export { Button } from '@/components/ui/button';
export { Skeleton } from '@/components/ui/skeleton';

/** components/ui's StateBadge, with the bucket derived from the state when not given. */
export function StateBadge({ state, bucket, className }: { state: string; bucket?: StateBucket; className?: string }) {
  return <SharedStateBadge state={state} bucket={bucket ?? stateBucket(state)} className={className} />;
}

/** components/ui's Card with a test id, flush (unpadded) for tables. */
export function Card({ title, description, actions, children, testId, flush }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; flush?: boolean }) {
  return (
    <SharedCard title={title} description={description} actions={actions} padded={!flush} data-testid={testId} className="overflow-hidden">
      {children}
    </SharedCard>
  );
}

/** components/ui's RelativeTime. */
export function RelativeTime({ iso, fallback = '—' }: { iso: string | undefined; fallback?: string }) {
  return <SharedRelativeTime value={iso} fallback={fallback} />;
}

export function Tag({ children, muted, title }: { children: ReactNode; muted?: boolean; title?: string }) {
  return (
    <span
      title={title}
      className={cx(
        'inline-flex max-w-full items-center rounded-md px-1.5 py-0.5 font-mono text-xs break-all ring-1 ring-inset',
        muted ? 'bg-slate-50 text-slate-600 ring-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-800' : 'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700',
      )}
    >
      {children}
    </span>
  );
}

/** A message shown in plain view, tinted by how bad it is. */
export function Callout({ bucket, title, children, testId }: { bucket: StateBucket; title?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className={cx('rounded-lg border px-4 py-3 text-sm', BUCKET_TONE[bucket].callout)} data-testid={testId} role={bucket === 'error' ? 'alert' : undefined}>
      {title ? <p className="font-medium">{title}</p> : null}
      <div className={cx('break-words whitespace-pre-wrap', title ? 'mt-1' : undefined)}>{children}</div>
    </div>
  );
}

// ---- layout -----------------------------------------------------------------------------------

/** Definition list of label → value pairs, two columns on wide screens. */
export function Fields({ items }: { items: { label: string; value: ReactNode; wide?: boolean }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.label} className={cx('min-w-0', item.wide && 'sm:col-span-2')}>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{item.label}</dt>
          <dd className="mt-0.5 min-w-0 break-words">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Stat({ label, value, hint, bucket }: { label: string; value: ReactNode; hint?: ReactNode; bucket?: StateBucket }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      <p className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</p>
      <p className={cx('mt-1 text-lg font-semibold tabular-nums', bucket === 'warning' && 'text-amber-800 dark:text-amber-300', bucket === 'error' && 'text-rose-700 dark:text-rose-300')}>{value}</p>
      {hint ? <p className="mt-0.5 truncate text-xs text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-600 dark:text-slate-400">{children}</span>;
}

/** A one-line "nothing here" inside a card (components/ui's EmptyState is for whole pages and sections). */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="empty-row">{children}</p>;
}

// ---- tables -----------------------------------------------------------------------------------

export function Table({ label, head, children, testId }: { label: string; head: ReactNode[]; children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label} data-testid={testId}>
        <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-950/40 dark:text-slate-400">
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

export const td = 'px-4 py-2 align-top';

/** "Showing 50 of 312" and a button for the next page. */
export function ShowMore({ shown, total, onMore, busy, noun }: { shown: number; total: number; onMore: () => void; busy?: boolean; noun: string }) {
  if (total <= shown) return null;
  return (
    <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span>
        Showing {shown} of {total} {noun}
      </span>
      <Button variant="secondary" size="sm" onClick={onMore} pending={busy}>
        Show more
      </Button>
    </div>
  );
}

// ---- copy -------------------------------------------------------------------------------------

export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const reset = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(reset);
  }, [copied]);
  return (
    <button
      type="button"
      className={cx('inline-flex items-center rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100', className)}
      aria-label={copied ? 'Copied' : label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
      }}
    >
      {copied ? (
        <svg viewBox="0 0 20 20" className="size-3.5 fill-current" aria-hidden="true">
          <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
        </svg>
      ) : (
        <svg viewBox="0 0 20 20" className="size-3.5 fill-current" aria-hidden="true">
          <path d="M7 2a2 2 0 0 0-2 2v1H4a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-1h1a2 2 0 0 0 2-2V6.4a2 2 0 0 0-.6-1.4l-2.4-2.4A2 2 0 0 0 12.6 2H7Zm4 14H4V7h1v6a2 2 0 0 0 2 2h4v1Zm3-3H7V4h5v2a1 1 0 0 0 1 1h1v6Z" />
        </svg>
      )}
    </button>
  );
}
