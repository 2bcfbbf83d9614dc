/**
 * An object's Fleet state: a coloured pill with an icon (so colour is never the only cue), the
 * state in words, and — visible, not hidden in a tooltip — the reason Fleet gives.
 *
 *   <StateBadge state={row.state} bucket={row.bucket} message={row.message} />
 *   <StateBadge state="ErrApplied" bucket="error" />                  // pill only
 *   <StateBadge state={row.state} bucket={row.bucket} message={row.message} layout="stacked" lines={2} />
 *
 * Props: `state` (Fleet's display state, e.g. `ErrApplied`; shown as "Err Applied"), `bucket`
 * ('error' | 'warning' | 'active' | 'pending'), `message` (optional reason), `layout` 'inline'
 * (pill then text, wrapping) | 'stacked' (text under the pill), `lines` (clamp the reason to
 * that many lines; the full text stays in `title`), `className`.
 * Also exported: `formatState(state)`, `BUCKET_LABELS`, `BucketIcon`.
 */
import type { StateBucket } from '@/lib/api/schemas';

import { BADGE_TONES } from './badge';
import { cx } from './cx';
import { Icon } from './icons';

export const BUCKET_LABELS: Record<StateBucket, string> = { error: 'Error', warning: 'Warning', active: 'Active', pending: 'Pending' };

const KNOWN_STATES: Record<string, string> = {
  errapplied: 'Err Applied',
  waitapplied: 'Wait Applied',
  outofsync: 'Out of Sync',
  notready: 'Not Ready',
  waitcheckin: 'Wait Check-In',
  gitupdating: 'Git Updating',
};

/** "ErrApplied" → "Err Applied", "WaitCheckIn" → "Wait Check-In", "Ready" → "Ready". */
export function formatState(state: string): string {
  const known = KNOWN_STATES[state.toLowerCase()];
  if (known) return known;
  const spaced = state.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').trim();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : 'Unknown';
}

export function BucketIcon({ bucket, className = 'size-3.5' }: { bucket: StateBucket; className?: string }) {
  return <Icon name={bucket} className={className} />;
}

export interface StateBadgeProps {
  state: string;
  bucket: StateBucket;
  message?: string;
  layout?: 'inline' | 'stacked';
  /** Clamp the reason to this many lines (1–3); the full text is in `title`. */
  lines?: 1 | 2 | 3;
  className?: string;
}

const CLAMP = { 1: 'line-clamp-1', 2: 'line-clamp-2', 3: 'line-clamp-3' } as const;

export function StateBadge({ state, bucket, message, layout = 'inline', lines, className }: StateBadgeProps) {
  const label = formatState(state);
  return (
    <span className={cx('min-w-0', layout === 'inline' ? 'inline-flex flex-wrap items-baseline gap-x-2 gap-y-1' : 'flex flex-col items-start gap-1', className)} data-state={state} data-bucket={bucket}>
      <span
        className={cx(
          'inline-flex shrink-0 items-center gap-1 self-start rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
          BADGE_TONES[bucket],
        )}
      >
        <BucketIcon bucket={bucket} />
        {label}
        {label.toLowerCase() !== BUCKET_LABELS[bucket].toLowerCase() ? <span className="sr-only"> ({BUCKET_LABELS[bucket]})</span> : null}
      </span>
      {message ? (
        <span className={cx('min-w-0 text-sm break-words text-slate-700 dark:text-slate-300', lines && CLAMP[lines])} title={lines ? message : undefined}>
          {message}
        </span>
      ) : null}
    </span>
  );
}
