'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, type ReactNode } from 'react';

import { Toaster } from '@/components/actions/toast';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { YamlPanel } from '@/components/yaml/yaml-panel';
import { ApiClientError } from '@/lib/api/client';
import type { ListKind } from '@/lib/api/schemas';
import { dashboardHref, sectionHref } from '@/lib/routes';

import { StateReasons } from '@/components/failures/state-reasons';

import { KIND_LABELS, stateLabel } from './format';
import { Callout, cx, Skeleton, StateBadge } from './ui';
import { isNotFound, useObjectDetail, useRelationPaging, type DetailByKind, type RelationPaging } from './use-object-detail';

/** What the server page could or could not prefetch. */
export type Prefetched<K extends ListKind> =
  | { status: 'ok'; detail: DetailByKind[K] }
  | { status: 'not_found'; field?: string; message: string }
  | { status: 'error'; code: string; message: string };

export interface DetailFrameProps<K extends ListKind> {
  kind: K;
  ws: string;
  name: string;
  prefetched: Prefetched<K>;
  /** Actions shown in the header. */
  actions?: (detail: DetailByKind[K]) => ReactNode;
  /** Small badges after the state (Paused, …). */
  badges?: (detail: DetailByKind[K]) => ReactNode;
  /** A line under the name (display name, repo, …). */
  subtitle?: (detail: DetailByKind[K]) => ReactNode;
  overview: (detail: DetailByKind[K], paging: RelationPaging) => ReactNode;
  /** A note above the YAML (e.g. "Fleet regenerates bundles"). */
  yamlNote?: ReactNode;
}

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'yaml', label: 'YAML' },
] as const;
type Tab = (typeof TABS)[number]['id'];

function useTab(): [Tab, (tab: Tab) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab: Tab = params.get('tab') === 'yaml' ? 'yaml' : 'overview';
  const setTab = (next: Tab) => {
    const search = new URLSearchParams(params.toString());
    if (next === 'overview') search.delete('tab');
    else search.set('tab', next);
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [tab, setTab];
}

/**
 * The frame every detail page shares: loading, not-found (also when the object is deleted while
 * the page is open), the header with state and reason, Overview / YAML tabs, and live updates.
 */
export function DetailFrame<K extends ListKind>({ kind, ws, name, prefetched, actions, badges, subtitle, overview, yamlNote }: DetailFrameProps<K>) {
  const paging = useRelationPaging();
  const initial = prefetched.status === 'ok' ? prefetched.detail : undefined;
  const query = useObjectDetail(kind, ws, name, initial, paging.limit);
  const [tab, setTab] = useTab();
  const tabsId = useId();

  const notFound = isNotFound(query.error) || (prefetched.status === 'not_found' && !query.data);
  if (notFound) {
    const field = query.error instanceof ApiClientError ? query.error.field : prefetched.status === 'not_found' ? prefetched.field : undefined;
    return (
      <Page>
        <NotFoundPanel kind={kind} ws={ws} name={name} workspaceMissing={field === 'ws'} />
      </Page>
    );
  }

  const detail = query.data;
  if (!detail) {
    if (query.error || prefetched.status === 'error') {
      const error = query.error ?? (prefetched.status === 'error' ? { code: prefetched.code, message: prefetched.message } : undefined);
      return (
        <Page>
          <h1 className="sr-only">
            {KIND_LABELS[kind].one} {name}
          </h1>
          <ErrorState title={`${KIND_LABELS[kind].one} ${name} cannot be loaded right now`} error={error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        </Page>
      );
    }
    return <DetailSkeleton />;
  }

  const row = detail.row;
  const deleting = Boolean(detail.object.metadata.deletionTimestamp);
  return (
    <Page>
      <header className="space-y-3" data-testid="detail-header">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <p className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">
              {KIND_LABELS[kind].title} <span aria-hidden="true">·</span>{' '}
              <Link href={dashboardHref(ws)} className="font-mono normal-case hover:underline">
                {ws}
              </Link>
            </p>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
              <h1 className="font-mono text-2xl font-semibold tracking-tight break-all">{name}</h1>
              <StateBadge state={row.state} bucket={row.bucket} />
              {badges?.(detail)}
              {deleting ? <Badge tone="warning">Deleting</Badge> : null}
            </div>
            {subtitle ? <div className="text-sm text-slate-600 dark:text-slate-400">{subtitle(detail)}</div> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions(detail)}</div> : null}
        </div>
        {row.message ? (
          <Callout bucket={row.bucket} title={row.state === 'Error' ? 'Why it is failing' : `Why it is ${stateLabel(row.state)}`} testId="state-reason">
            {row.message}
            <StateReasons kind={kind} ws={ws} name={name} row={row} conditions={detail.conditions} />
          </Callout>
        ) : null}
        {query.error ? (
          <p role="status" className="text-xs text-amber-800 dark:text-amber-300">
            Could not refresh: {query.error.message}. Showing what was loaded last.
          </p>
        ) : null}
      </header>

      <div role="tablist" aria-label="Views" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${tabsId}-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${tabsId}-panel`}
            onClick={() => setTab(t.id)}
            className={cx(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
              tab === t.id ? 'border-brand-600 text-slate-900 dark:border-brand-400 dark:text-slate-100' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
            )}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${tab}`} className="space-y-6">
        {tab === 'overview' ? (
          overview(detail, { ...paging, fetching: query.isFetching })
        ) : (
          <YamlPanel kind={kind} ws={ws} name={name} object={detail.object} note={yamlNote} />
        )}
      </div>
      <Toaster />
    </Page>
  );
}

/** Inside the shell's <main> (which pads the page). */
function Page({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-7xl space-y-6">{children}</div>;
}

export function NotFoundPanel({ kind, ws, name, workspaceMissing }: { kind: ListKind; ws: string; name: string; workspaceMissing?: boolean }) {
  const labels = KIND_LABELS[kind];
  return (
    <section
      aria-labelledby="not-found-title"
      data-testid="not-found-panel"
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center dark:border-slate-700 dark:bg-slate-900"
    >
      <svg viewBox="0 0 24 24" className="mx-auto size-10 fill-none stroke-slate-400 dark:stroke-slate-500" strokeWidth="1.5" aria-hidden="true">
        <path d="M9.75 9.75l4.5 4.5m0-4.5l-4.5 4.5M21 12a9 9 0 11-18 0 9 9 0 0118 0z" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1 id="not-found-title" className="mt-3 text-lg font-semibold">
        {workspaceMissing ? (
          <>
            Workspace <span className="font-mono">{ws}</span> does not exist
          </>
        ) : (
          <>
            {labels.one} <span className="font-mono">{name}</span> no longer exists in <span className="font-mono">{ws}</span>
          </>
        )}
      </h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {workspaceMissing ? 'It may have been deleted.' : `It may have been deleted, or moved to another workspace. This page shows it again if it comes back.`}
      </p>
      <Link href={workspaceMissing ? '/' : sectionHref(ws, kind)} className={buttonClasses({ className: 'mt-5' })}>
        {workspaceMissing ? 'Back to workspaces' : `Back to ${labels.plural.toLowerCase()} in ${ws}`}
      </Link>
    </section>
  );
}

/** The page's shape while the detail loads. */
export function DetailSkeleton() {
  return (
    <div className="mx-auto w-full max-w-7xl space-y-6" role="status" aria-busy="true" aria-label="Loading" data-testid="detail-skeleton">
      <div className="space-y-3">
        <Skeleton className="h-3 w-40" />
        <div className="flex items-center gap-3">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-5 w-20 rounded-full" />
        </div>
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-20 rounded-xl" />
        ))}
      </div>
      {[0, 1].map((i) => (
        <div key={i} className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ))}
    </div>
  );
}
