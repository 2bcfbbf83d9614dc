/**
 * Loading placeholders. Wrap a group in an element with `aria-busy` and a label for screen
 * readers; the blocks themselves are hidden from them.
 *
 *   <Skeleton className="h-5 w-40" />
 *   <SkeletonText lines={3} />
 *   <LoadingBlock label="Loading workspaces">…skeletons…</LoadingBlock>
 */
import type { ReactNode } from 'react';

import { cx } from './cx';

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden="true" className={cx('block animate-pulse rounded-md bg-slate-200 dark:bg-slate-800', className)} />;
}

export function SkeletonText({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <span aria-hidden="true" className={cx('flex flex-col gap-2', className)}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cx('h-3.5', i === lines - 1 ? 'w-2/3' : 'w-full')} />
      ))}
    </span>
  );
}

/** A region that says what is loading (role=status) while showing placeholders. */
export function LoadingBlock({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className={className} data-testid="loading">
      <span className="sr-only">{label}…</span>
      {children}
    </div>
  );
}
