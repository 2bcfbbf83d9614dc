/**
 * A small pill for counts and tags.
 *
 *   <Badge>Local</Badge>  <Badge tone="error">3 errors</Badge>
 *
 * Props: `tone` 'neutral' | 'brand' | 'error' | 'warning' | 'active' | 'pending' (default
 * 'neutral'), `className`, `title`. The bucket tones match {@link StateBadge}'s colours.
 */
import type { ReactNode } from 'react';

import { cx } from './cx';

export type BadgeTone = 'neutral' | 'brand' | 'error' | 'warning' | 'active' | 'pending';

export const BADGE_TONES: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-300/70 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600/60',
  brand: 'bg-brand-50 text-brand-900 ring-brand-300/70 dark:bg-brand-900/60 dark:text-brand-100 dark:ring-brand-700/60',
  error: 'bg-rose-50 text-rose-800 ring-rose-300/70 dark:bg-rose-950/60 dark:text-rose-200 dark:ring-rose-800/70',
  warning: 'bg-amber-50 text-amber-900 ring-amber-300/80 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-800/70',
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-300/70 dark:bg-emerald-950/60 dark:text-emerald-200 dark:ring-emerald-800/70',
  pending: 'bg-sky-50 text-sky-800 ring-sky-300/70 dark:bg-sky-950/60 dark:text-sky-200 dark:ring-sky-800/70',
};

export function Badge({ tone = 'neutral', className, title, children }: { tone?: BadgeTone; className?: string; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={cx('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', BADGE_TONES[tone], className)}
    >
      {children}
    </span>
  );
}
