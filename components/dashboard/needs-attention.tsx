'use client';

import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Icon } from '@/components/ui/icons';
import { LoadingBlock, Skeleton } from '@/components/ui/skeleton';
import { StateBadge } from '@/components/ui/state-badge';
import { FailureFacts, TroubleshootingHints } from '@/components/failures/failure-reasons';
import { ALL_WORKSPACES, type FailureReasonsDto, type ListKind, type StateBucket } from '@/lib/api/schemas';
import { rowsQuery } from '@/lib/api/workspace-queries';
import { KIND_SINGULAR, objectHref, sectionHref, SECTION_LABELS } from '@/lib/routes';

import { ATTENTION_KINDS, ATTENTION_PAGE_SIZE, ATTENTION_SLICES } from './attention';

/** How many failing objects the list names before "and N more". */
const SHOWN = ATTENTION_PAGE_SIZE;

interface Entry {
  kind: ListKind;
  workspace: string;
  name: string;
  state: string;
  bucket: StateBucket;
  message: string;
  failing?: FailureReasonsDto;
}

/**
 * Every Git Repo, Bundle and Cluster in Error, then in Warning, by name, each with Fleet's
 * reason and a link to its page; capped at {@link SHOWN} with "and N more" and links to the
 * filtered lists.
 */
export function NeedsAttention({ ws }: { ws: string }) {
  const results = useQueries({ queries: ATTENTION_SLICES.map((slice) => rowsQuery(slice.kind, ws, slice.query)) });
  const failed = results.find((r) => r.isError && r.data === undefined);
  const loading = results.some((r) => r.isPending);

  let body;
  if (failed) {
    body = <ErrorState compact title="Could not load what needs attention" error={failed.error} onRetry={() => results.forEach((r) => void r.refetch())} />;
  } else if (loading) {
    body = (
      <LoadingBlock label="Loading what needs attention" className="space-y-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-1.5">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3.5 w-3/4" />
          </div>
        ))}
      </LoadingBlock>
    );
  } else {
    const entries: Entry[] = [];
    const totals = new Map<string, number>();
    ATTENTION_SLICES.forEach((slice, index) => {
      const page = results[index]?.data;
      if (!page) return;
      totals.set(`${slice.bucket}:${slice.kind}`, page.total);
      for (const row of page.items) entries.push({ kind: slice.kind, workspace: row.workspace, name: row.name, state: row.state, bucket: row.bucket, message: row.message, failing: row.failing });
    });
    const total = [...totals.values()].reduce((sum, n) => sum + n, 0);
    const shown = entries.slice(0, SHOWN);
    const more = total - shown.length;
    if (total === 0) {
      body = (
        <p className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300" data-testid="attention-clear">
          <Icon name="active" className="size-5 text-emerald-600 dark:text-emerald-400" />
          Nothing needs attention: no Git Repo, Bundle or Cluster is in Error or Warning.
        </p>
      );
    } else {
      body = (
        <>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="attention-list">
            {shown.map((entry) => (
              <li key={`${entry.kind}/${entry.workspace}/${entry.name}`} className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-4" data-testid="attention-item" data-kind={entry.kind} data-name={entry.name}>
                <div className="flex min-w-0 items-center gap-2 sm:w-64 sm:shrink-0">
                  <Icon name={entry.kind} className="size-4 shrink-0 text-slate-500 dark:text-slate-400" />
                  <div className="min-w-0">
                    <Link href={objectHref(entry.workspace, entry.kind, entry.name)} className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-300">
                      {entry.name}
                    </Link>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {KIND_SINGULAR[entry.kind]}
                      {ws === ALL_WORKSPACES ? <> in {entry.workspace}</> : null}
                    </span>
                  </div>
                </div>
                <div className="min-w-0 space-y-1.5 sm:flex-1">
                  <StateBadge state={entry.state} bucket={entry.bucket} message={entry.message || undefined} layout="stacked" lines={3} />
                  <FailureFacts failing={entry.failing} ws={entry.workspace} compact />
                  <TroubleshootingHints kind={entry.kind} ws={entry.workspace} name={entry.name} state={entry.state} messages={[entry.message, entry.failing?.condition?.message]} compact />
                </div>
              </li>
            ))}
          </ul>
          {more > 0 ? (
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="attention-more">
              and {more} more
            </p>
          ) : null}
        </>
      );
    }
    const links = ATTENTION_KINDS.flatMap((kind) => {
      const errors = totals.get(`error:${kind}`) ?? 0;
      const warnings = totals.get(`warning:${kind}`) ?? 0;
      return [
        errors > 0 ? { kind, bucket: 'error' as const, count: errors } : undefined,
        warnings > 0 ? { kind, bucket: 'warning' as const, count: warnings } : undefined,
      ].filter((x) => x !== undefined);
    });
    if (links.length > 0) {
      body = (
        <>
          {body}
          <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
            {links.map((link) => (
              <Link key={`${link.kind}-${link.bucket}`} href={sectionHref(ws, link.kind, { state: link.bucket })} className="rounded-full focus-visible:outline-2">
                <Badge tone={link.bucket}>
                  {SECTION_LABELS[link.kind]} in {link.bucket === 'error' ? 'Error' : 'Warning'}: {link.count}
                </Badge>
              </Link>
            ))}
          </div>
        </>
      );
    }
  }

  return (
    <Card title="Needs attention" description="Objects in Error, then Warning, with the reason Fleet gives" data-testid="needs-attention">
      {body}
    </Card>
  );
}
