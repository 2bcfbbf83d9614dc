'use client';

/**
 * Minimal stand-ins for the shared primitives (Button, Badge, StateBadge, Skeleton, EmptyState,
 * ErrorState, RelativeTime) that the tables need now. They keep the names and roughly the props
 * the shared components/ui versions are expected to have, so switching is an import change.
 */

import Link from 'next/link';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ButtonHTMLAttributes, type ReactNode } from 'react';

import type { StateBucket } from '@/lib/api/schemas';
import { formatRelative } from '@/lib/time';

export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

// ---- Button -------------------------------------------------------------------------------------

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    'bg-brand-700 text-white shadow-xs hover:bg-brand-600 disabled:bg-slate-300 disabled:text-slate-600 dark:bg-brand-400 dark:text-slate-950 dark:hover:bg-brand-300 dark:disabled:bg-slate-700 dark:disabled:text-slate-300',
  secondary:
    'border border-slate-300 bg-white text-slate-800 shadow-xs hover:bg-slate-50 disabled:text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:disabled:text-slate-500',
  ghost: 'text-slate-700 hover:bg-slate-100 disabled:text-slate-400 dark:text-slate-200 dark:hover:bg-slate-800 dark:disabled:text-slate-500',
  danger:
    'bg-rose-700 text-white shadow-xs hover:bg-rose-600 disabled:bg-slate-300 disabled:text-slate-600 dark:bg-rose-600 dark:hover:bg-rose-500 dark:disabled:bg-slate-700 dark:disabled:text-slate-300',
};
const SIZES: Record<ButtonSize, string> = { sm: 'h-8 px-2.5 text-sm gap-1.5', md: 'h-9 px-3.5 text-sm gap-2' };

export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', extra?: string): string {
  return cx('inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed', VARIANTS[variant], SIZES[size], extra);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}

export function ButtonLink({ href, variant = 'secondary', size = 'md', className, children }: { href: string; variant?: ButtonVariant; size?: ButtonSize; className?: string; children: ReactNode }) {
  return (
    <Link href={href} className={buttonClass(variant, size, className)}>
      {children}
    </Link>
  );
}

// ---- Badges -------------------------------------------------------------------------------------

const BUCKET_STYLES: Record<StateBucket, { badge: string; dot: string }> = {
  error: { badge: 'bg-rose-50 text-rose-800 ring-rose-600/25 dark:bg-rose-950/60 dark:text-rose-200 dark:ring-rose-400/30', dot: 'bg-rose-600 dark:bg-rose-400' },
  warning: { badge: 'bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-400/30', dot: 'bg-amber-500 dark:bg-amber-400' },
  active: { badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-950/60 dark:text-emerald-200 dark:ring-emerald-400/30', dot: 'bg-emerald-600 dark:bg-emerald-400' },
  pending: { badge: 'bg-sky-50 text-sky-800 ring-sky-600/25 dark:bg-sky-950/60 dark:text-sky-200 dark:ring-sky-400/30', dot: 'bg-sky-600 dark:bg-sky-400' },
};

export const BUCKET_LABELS: Record<StateBucket, string> = { error: 'Error', warning: 'Warning', active: 'Active', pending: 'Pending' };

const STATE_LABELS: Record<string, string> = {
  ErrApplied: 'Err Applied',
  WaitApplied: 'Wait Applied',
  OutOfSync: 'Out of Sync',
  NotReady: 'Not Ready',
  WaitCheckIn: 'Wait Check-In',
  GitUpdating: 'Git Updating',
};

/** Fleet's state as Rancher spells it ("Err Applied", "Wait Check-In"). */
export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export function StateBadge({ state, bucket }: { state: string; bucket: StateBucket }) {
  const style = BUCKET_STYLES[bucket];
  return (
    <span className={cx('inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', style.badge)} data-state={state} data-bucket={bucket}>
      <span className={cx('size-1.5 rounded-full', style.dot)} aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}

export function Badge({ children, tone = 'neutral', title }: { children: ReactNode; tone?: 'neutral' | 'info' | 'warning'; title?: string }) {
  const tones = {
    neutral: 'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/20',
    info: 'bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-950/60 dark:text-sky-200 dark:ring-sky-400/30',
    warning: 'bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-400/30',
  };
  return (
    <span title={title} className={cx('inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', tones[tone])}>
      {children}
    </span>
  );
}

// ---- Loading, empty, error ----------------------------------------------------------------------

export function Skeleton({ className }: { className?: string }) {
  return <span className={cx('block animate-pulse rounded bg-slate-200 motion-reduce:animate-none dark:bg-slate-800', className)} aria-hidden="true" />;
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-14 text-center" data-testid="empty-state">
      <svg viewBox="0 0 24 24" className="size-10 fill-none stroke-slate-400 dark:stroke-slate-500" strokeWidth="1.5" aria-hidden="true">
        <rect x="3" y="13" width="18" height="7" rx="2" />
        <path d="M5 13V8.5A1.5 1.5 0 0 1 6.5 7h11A1.5 1.5 0 0 1 19 8.5V13M8 7V4.5h8V7" />
      </svg>
      <p className="font-medium text-slate-900 dark:text-slate-100">{title}</p>
      {children ? <div className="max-w-md text-sm text-slate-600 dark:text-slate-400">{children}</div> : null}
      {action ? <div className="mt-1 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}

export function ErrorState({ title, message, onRetry, retrying }: { title: string; message: string; onRetry?: () => void; retrying?: boolean }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-12 text-center" data-testid="error-state">
      <svg viewBox="0 0 20 20" className="size-8 fill-rose-600 dark:fill-rose-400" aria-hidden="true">
        <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm0 4a1 1 0 0 1 1 1v4a1 1 0 1 1-2 0v-4a1 1 0 0 1 1-1Zm0 9.25a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z" />
      </svg>
      <p className="font-medium text-slate-900 dark:text-slate-100">{title}</p>
      <p className="max-w-xl text-sm break-words text-slate-600 dark:text-slate-400">{message}</p>
      {onRetry ? (
        <Button onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
      ) : null}
    </div>
  );
}

// ---- Time ---------------------------------------------------------------------------------------

const NowContext = createContext<number | undefined>(undefined);

/**
 * One clock for every relative time in a table, starting at the moment the server rendered (so
 * the HTML and the first client render agree) and ticking every 30 s after that.
 */
export function NowProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

/** The exact time, the same on server and client whatever their time zones. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

/** "3 days ago", with the exact time on hover. */
export function RelativeTime({ iso, fallback = '—' }: { iso: string | undefined; fallback?: string }) {
  const now = useContext(NowContext) ?? 0;
  if (!iso) return <span className="text-slate-500 dark:text-slate-400">{fallback}</span>;
  const text = now ? formatRelative(iso, new Date(now)) : undefined;
  return (
    <time dateTime={iso} title={exactTime(iso)} className="whitespace-nowrap">
      {text ?? exactTime(iso)}
    </time>
  );
}

// ---- Hydration ----------------------------------------------------------------------------------

const noSubscription = () => () => {};

/** False during server render and hydration, true after: for values only the browser knows (localStorage). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
