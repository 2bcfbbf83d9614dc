import Link from 'next/link';

import { cx } from '@/components/ui/cx';
import { BucketIcon } from '@/components/ui/state-badge';
import { STATE_BUCKETS, type BucketCounts, type ListKind, type StateBucket } from '@/lib/api/schemas';
import { sectionHref, SECTION_LABELS } from '@/lib/routes';

const LABELS: Record<StateBucket, string> = { error: 'Error', warning: 'Warning', active: 'Active', pending: 'Pending' };

const TONES: Record<StateBucket, { text: string; bar: string; ring: string }> = {
  error: { text: 'text-rose-700 dark:text-rose-300', bar: 'bg-rose-500', ring: 'hover:border-rose-300 dark:hover:border-rose-800' },
  warning: { text: 'text-amber-700 dark:text-amber-300', bar: 'bg-amber-400', ring: 'hover:border-amber-300 dark:hover:border-amber-800' },
  active: { text: 'text-emerald-700 dark:text-emerald-300', bar: 'bg-emerald-500', ring: 'hover:border-emerald-300 dark:hover:border-emerald-800' },
  pending: { text: 'text-sky-700 dark:text-sky-300', bar: 'bg-sky-500', ring: 'hover:border-sky-300 dark:hover:border-sky-800' },
};

/** A thin bar split by bucket, decorative (the numbers next to it say the same). */
function BucketBar({ counts }: { counts: BucketCounts }) {
  if (counts.total === 0) return <span aria-hidden="true" className="block h-1.5 rounded-full bg-slate-100 dark:bg-slate-800" />;
  return (
    <span aria-hidden="true" className="flex h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800">
      {STATE_BUCKETS.map((bucket) =>
        counts[bucket] > 0 ? <span key={bucket} className={TONES[bucket].bar} style={{ width: `${(counts[bucket] / counts.total) * 100}%` }} /> : null,
      )}
    </span>
  );
}

/**
 * One kind's state buckets in a workspace: the total (linking to the list) and Error / Warning /
 * Active / Pending counts, each linking to the list filtered to that bucket.
 */
export function BucketTiles({ ws, kind, counts, compact = false }: { ws: string; kind: ListKind; counts: BucketCounts; compact?: boolean }) {
  const label = SECTION_LABELS[kind];
  return (
    <div className="min-w-0 space-y-2" data-testid={`buckets-${kind}`}>
      <div className="flex items-baseline justify-between gap-2">
        <Link href={sectionHref(ws, kind)} className="font-medium hover:underline">
          {label}
        </Link>
        <span className="text-sm text-slate-600 tabular-nums dark:text-slate-400">{counts.total} total</span>
      </div>
      <BucketBar counts={counts} />
      <ul className={cx('grid grid-cols-4 gap-1.5', compact && 'gap-1')}>
        {STATE_BUCKETS.map((bucket) => {
          const count = counts[bucket];
          return (
            <li key={bucket}>
              <Link
                href={sectionHref(ws, kind, { state: bucket })}
                aria-label={`${label}: ${count} ${LABELS[bucket]}`}
                data-bucket={bucket}
                className={cx(
                  'flex min-w-0 flex-col rounded-lg border border-slate-200 px-2 py-1.5 transition-colors dark:border-slate-800',
                  TONES[bucket].ring,
                )}
              >
                <span className={cx('text-lg leading-tight font-semibold tabular-nums', count > 0 ? TONES[bucket].text : 'text-slate-500 dark:text-slate-400')}>{count}</span>
                <span className="flex items-center gap-1 text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
                  <BucketIcon bucket={bucket} className={cx('size-3 shrink-0', count > 0 && TONES[bucket].text)} />
                  {LABELS[bucket]}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
