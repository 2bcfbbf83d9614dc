'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

import { RowFailing } from '@/components/failures/row-failing';
import { cx } from '@/components/ui/cx';
import { StateBadge } from '@/components/ui/state-badge';
import type { FailureReasonsDto, ListKind, ReadyCount as ReadyCountDto, ResourceCountsDto, StateBucket } from '@/lib/api/schemas';
import { isReservedLabelKey } from '@/lib/fleet/labels';
import { objectHref } from '@/lib/routes';

import { shortRepo } from './format';

/** Where a row's detail page is; rows of `_all` link into their own workspace. */
export function detailHref(kind: ListKind, row: { workspace: string; name: string }): string {
  return objectHref(row.workspace, kind, row.name);
}

const muted = 'text-slate-500 dark:text-slate-400';

/**
 * The state badge and, under it, why: the message cut to two lines with the whole text on hover,
 * then which bundles and clusters fail (count and first names, linked) when the row says so.
 */
export function StateCell({ state, bucket, message, flags, failing, ws }: { state: string; bucket: StateBucket; message: string; flags?: string[]; failing?: FailureReasonsDto; ws?: string }) {
  // Some states carry no message of their own; the failing condition then says why.
  const reason = message || failing?.condition?.message || '';
  return (
    <div className="flex max-w-72 min-w-36 flex-col items-start gap-1">
      <div className="flex flex-wrap items-center gap-1">
        <StateBadge state={state} bucket={bucket} />
        {flags?.map((flag) => (
          <span key={flag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-flag={flag}>
            {flag}
          </span>
        ))}
      </div>
      {reason ? (
        <p
          className={cx('line-clamp-2 text-xs wrap-anywhere', bucket === 'error' ? 'text-rose-700 dark:text-rose-300' : bucket === 'warning' ? 'text-amber-800 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400')}
          title={reason}
          data-testid="state-message"
        >
          {reason}
        </p>
      ) : null}
      {ws && bucket !== 'active' ? <RowFailing failing={failing} ws={ws} /> : null}
    </div>
  );
}

/**
 * A link into a detail page that the router prefetches on hover or focus only: a page of 500 rows
 * must not cost 500 server renders just by being on screen.
 */
export function RowLink({ href, className, children, testId }: { href: string; className?: string; children: ReactNode; testId?: string }) {
  const router = useRouter();
  const warm = () => router.prefetch(href);
  return (
    <Link href={href} prefetch={false} onMouseEnter={warm} onFocus={warm} className={className} data-testid={testId}>
      {children}
    </Link>
  );
}

export function NameCell({ kind, row, label, secondary }: { kind: ListKind; row: { workspace: string; name: string }; label?: string; secondary?: string }) {
  return (
    <div className="flex min-w-28 flex-col">
      <RowLink href={detailHref(kind, row)} className="font-medium break-all text-brand-700 hover:underline dark:text-brand-300" testId="row-link">
        {label ?? row.name}
      </RowLink>
      {secondary ? <span className={cx('font-mono text-xs break-all', muted)}>{secondary}</span> : null}
    </div>
  );
}

export function WorkspaceCell({ workspace }: { workspace: string }) {
  return (
    <span className="block max-w-40 truncate font-mono text-xs text-slate-700 dark:text-slate-300" title={workspace}>
      {workspace}
    </span>
  );
}

export function RepoCell({ repo, branch, revision, commit }: { repo: string; branch?: string; revision?: string; commit?: string }) {
  const ref = revision ?? branch;
  return (
    <div className="flex max-w-52 min-w-36 flex-col">
      <span className="truncate" title={repo}>
        {repo ? shortRepo(repo) : <span className={muted}>—</span>}
      </span>
      <span className={cx('truncate font-mono text-xs', muted)} title={commit ? `${ref ?? 'default branch'} at commit ${commit}` : undefined}>
        {ref ?? 'default branch'}
        {commit ? `@${commit.slice(0, 7)}` : ''}
      </span>
    </div>
  );
}

/**
 * "3/4": amber when some are not ready. With nothing to be ready, a warning where that is a
 * problem (a Git repo that targets no cluster) and a quiet dash where it is not.
 */
export function ReadyCount({ count, none = 'None targeted', names, warnWhenNone = true }: { count: ReadyCountDto; none?: string; names?: string; warnWhenNone?: boolean }) {
  if (count.desired === 0 && !warnWhenNone) {
    return (
      <span className={muted} title={none}>
        —<span className="sr-only">{none}</span>
      </span>
    );
  }
  if (count.desired === 0) {
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap text-amber-800 dark:text-amber-300" title={none}>
        <svg viewBox="0 0 20 20" className="size-4 fill-current" aria-hidden="true">
          <path d="M8.3 3.1a2 2 0 0 1 3.4 0l6.1 10.6A2 2 0 0 1 16.1 17H3.9a2 2 0 0 1-1.7-3l6.1-10.9ZM10 7a1 1 0 0 0-1 1v3a1 1 0 1 0 2 0V8a1 1 0 0 0-1-1Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
        </svg>
        <span className="tabular-nums">0</span>
        <span className="sr-only">{none}</span>
      </span>
    );
  }
  const short = count.ready < count.desired;
  return (
    <span className={cx('whitespace-nowrap tabular-nums', short ? 'font-medium text-amber-800 dark:text-amber-300' : '')} title={names}>
      {count.ready}/{count.desired}
    </span>
  );
}

const RESOURCE_PARTS: { key: keyof ResourceCountsDto; label: string; color: string }[] = [
  { key: 'ready', label: 'Ready', color: 'bg-emerald-600 dark:bg-emerald-400' },
  { key: 'waitApplied', label: 'Wait Applied', color: 'bg-sky-600 dark:bg-sky-400' },
  { key: 'notReady', label: 'Not Ready', color: 'bg-amber-500 dark:bg-amber-400' },
  { key: 'modified', label: 'Modified', color: 'bg-orange-500 dark:bg-orange-400' },
  { key: 'missing', label: 'Missing', color: 'bg-rose-500 dark:bg-rose-400' },
  { key: 'orphaned', label: 'Orphaned', color: 'bg-violet-500 dark:bg-violet-400' },
  { key: 'unknown', label: 'Unknown', color: 'bg-slate-400 dark:bg-slate-500' },
];

/** Resources by state as a stacked bar, "ready of desired" as text, every count on hover. */
export function ResourcesCell({ counts }: { counts: ResourceCountsDto }) {
  const parts = RESOURCE_PARTS.map((part) => ({ ...part, value: counts[part.key] })).filter((part) => part.value > 0);
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  if (total === 0 && counts.desiredReady === 0) return <span className={muted}>—</span>;
  const detail = parts.map((part) => `${part.label}: ${part.value}`).join('\n');
  const allReady = counts.ready === counts.desiredReady;
  return (
    <div className="flex w-24 flex-col gap-1" title={detail}>
      <span className={cx('text-xs whitespace-nowrap tabular-nums', allReady ? 'text-slate-700 dark:text-slate-300' : 'font-medium text-amber-800 dark:text-amber-300')}>
        {allReady ? `${counts.ready} ready` : `${counts.ready} of ${counts.desiredReady} ready`}
      </span>
      <span className="flex h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden="true">
        {parts.map((part) => (
          <span key={part.key} className={part.color} style={{ width: `${(part.value / Math.max(total, 1)) * 100}%` }} />
        ))}
      </span>
    </div>
  );
}

/**
 * A cluster's labels as tags, the user's own first; Fleet's and Rancher's bookkeeping labels only
 * count towards "+N". Clicking a tag filters the table by it.
 */
export function LabelTags({ labels, max = 2, onPick }: { labels: Record<string, string>; max?: number; onPick?(selector: string): void }) {
  const entries = Object.entries(labels).sort(([a], [b]) => Number(isReservedLabelKey(a)) - Number(isReservedLabelKey(b)) || a.localeCompare(b));
  const own = entries.filter(([key]) => !isReservedLabelKey(key));
  const shown = own.slice(0, max);
  const rest = entries.slice(shown.length);
  if (entries.length === 0) return <span className={muted}>—</span>;
  return (
    <div className="flex max-w-80 min-w-44 flex-wrap gap-1">
      {shown.map(([key, value]) => {
        const text = value ? `${key}=${value}` : key;
        const className = 'max-w-48 truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200';
        return onPick ? (
          <button key={key} type="button" className={cx(className, 'hover:bg-slate-200 dark:hover:bg-slate-700')} title={`Show clusters with ${text}`} onClick={() => onPick(`${key}=${value}`)}>
            {text}
          </button>
        ) : (
          <span key={key} className={className} title={text}>
            {text}
          </span>
        );
      })}
      {rest.length > 0 ? (
        <span className="rounded px-1 py-0.5 text-xs font-medium text-slate-600 dark:text-slate-400" title={rest.map(([key, value]) => `${key}=${value}`).join('\n')}>
          +{rest.length}
          <span className="sr-only"> more labels: {rest.map(([key, value]) => `${key}=${value}`).join(', ')}</span>
        </span>
      ) : null}
    </div>
  );
}

export function TextCell({ text, mono, max = 'max-w-64' }: { text: string; mono?: boolean; max?: string }) {
  return (
    <span className={cx('block truncate', max, mono && 'font-mono text-xs')} title={text}>
      {text}
    </span>
  );
}
