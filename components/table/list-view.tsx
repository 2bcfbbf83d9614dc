'use client';

import { useCallback, useEffect, useState, type ReactNode } from 'react';

import { Toaster } from '@/components/actions/toast';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { ApiClientError } from '@/lib/api/client';
import { ALL_WORKSPACES, type ListKind, type ListQuery, type RowByKind, type StateBucket } from '@/lib/api/schemas';

import { WorkspaceCell } from './cells';
import { DataTable, type Column } from './data-table';
import { isFiltered } from './list-query';
import { LabelFilter, Pagination, SearchBox, StateFilter } from './toolbar';
import { useListPage, useStateCounts } from './use-list-page';
import { useListState } from './use-list-state';

export interface Noun {
  one: string;
  many: string;
}

/** What columns and actions may do to the table (e.g. a label tag that filters by itself). */
export interface ListContext {
  ws: string;
  allWorkspaces: boolean;
  query: ListQuery;
  update(patch: Partial<ListQuery>): void;
}

export interface BulkContext<Row> {
  rows: Row[];
  clear(): void;
}

export interface ListViewProps<K extends ListKind> {
  kind: K;
  ws: string;
  title: string;
  description?: ReactNode;
  noun: Noun;
  columns(context: ListContext): Column<RowByKind[K]>[];
  /** Buttons next to the title (e.g. "Add Git Repo"). */
  actions?: ReactNode;
  searchLabel: string;
  searchPlaceholder?: string;
  /** Offer the label-selector filter (kinds whose labels mean something to users). */
  labelFilter?: boolean;
  /** The empty state when the workspace has none at all: say so, and offer the next step. */
  empty(context: ListContext): ReactNode;
  rowActions?(row: RowByKind[K], context: ListContext): ReactNode;
  bulkActions?(context: BulkContext<RowByKind[K]>): ReactNode;
}

const rowKey = (row: { workspace: string; name: string }) => `${row.workspace}/${row.name}`;

function describeFilters(query: ListQuery): string {
  return [query.q && `matching “${query.q}”`, query.state && `in state ${query.state}`, query.label && `with labels ${query.label}`].filter(Boolean).join(', ');
}

/**
 * A list page: header, toolbar (search, state, labels), the table, paging and the bulk-action
 * bar. The table state lives in the URL; only one page of rows is ever in the browser.
 */
export function ListView<K extends ListKind>(props: ListViewProps<K>) {
  const { kind, ws, noun } = props;
  const { query, update } = useListState(kind);
  const allWorkspaces = ws === ALL_WORKSPACES;
  const context: ListContext = { ws, allWorkspaces, query, update };

  const list = useListPage(kind, ws, query);
  const counts = useStateCounts(kind, ws);
  const data = list.data;
  const error = list.error ? (list.error instanceof ApiClientError ? list.error : new ApiClientError(0, 'internal', list.error.message)) : undefined;
  const labelError = error?.field === 'label' ? error.message.replace(/^label:\s*/, '') : undefined;

  // A page past the end (rows deleted meanwhile, or an old link): go to the last page there is.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / query.pageSize)) : undefined;
  const pastTheEnd = data !== undefined && !list.isPlaceholderData && lastPage !== undefined && query.page > lastPage;
  useEffect(() => {
    if (pastTheEnd) update({ page: lastPage });
  }, [pastTheEnd, lastPage, update]);

  // Selection belongs to one view: another page, sort or filter starts with nothing selected,
  // and rows that left the page (deleted, moved) leave the selection.
  const viewKey = `${ws}?${JSON.stringify(query)}`;
  const [selection, setSelection] = useState<{ view: string; keys: ReadonlySet<string> }>({ view: viewKey, keys: new Set() });
  const rows = data?.items ?? [];
  const chosen = selection.view === viewKey ? selection.keys : new Set<string>();
  const selectedRows = rows.filter((row) => chosen.has(rowKey(row)));
  const selected = new Set(selectedRows.map(rowKey));
  const clearSelection = () => setSelection({ view: viewKey, keys: new Set() });

  const sortBy = (field: string) => update({ sort: field, order: query.sort === field && query.order === 'asc' ? 'desc' : 'asc' });
  const setQ = useCallback((q: string) => update({ q: q || undefined }), [update]);
  const setLabel = useCallback((label: string) => update({ label: label || undefined }), [update]);
  const setState = useCallback((state: StateBucket | undefined) => update({ state }), [update]);
  const clearFilters = () => update({ q: undefined, state: undefined, label: undefined });

  const columns = props.columns(context);
  if (allWorkspaces) {
    const nameAt = columns.findIndex((column) => column.id === 'name');
    columns.splice(nameAt + 1, 0, { id: 'workspace', header: 'Workspace', sort: 'workspace', cell: (row) => <WorkspaceCell workspace={row.workspace} />, skeleton: 'w-20' });
  }

  let placeholder: ReactNode;
  if (labelError) {
    placeholder = (
      <EmptyState
        className="m-4 border-0"
        icon="warning"
        title="The label selector is not valid"
        message={
          <>
            Fix it above — for example <code className="font-mono">env=prod</code>, <code className="font-mono">region in (eu,us)</code> or{' '}
            <code className="font-mono">!canary</code> — or clear it.
          </>
        }
        action={
          <Button variant="secondary" onClick={() => setLabel('')}>
            Clear label selector
          </Button>
        }
      />
    );
  } else if (error && !data) {
    placeholder = <ErrorState className="m-4" title={`Could not load ${noun.many}`} error={error} onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  } else if (data && data.total === 0 && !list.isPlaceholderData) {
    placeholder = isFiltered(query) ? (
      <EmptyState
        className="m-4 border-0"
        icon="search"
        title={`No ${noun.many} ${describeFilters(query)}`}
        message={counts && counts.total > 0 ? `There are ${counts.total} ${counts.total === 1 ? noun.one : noun.many} in all; the filters hide them.` : undefined}
        action={
          <Button variant="secondary" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    ) : (
      props.empty(context)
    );
  }

  const scope = allWorkspaces ? 'all workspaces' : ws;

  return (
    <div data-testid={`list-${kind}`}>
      <PageHeader title={props.title} description={props.description} actions={props.actions} />

      <div className="rounded-xl border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-950">
        <div className="flex flex-wrap items-start gap-3 border-b border-slate-200 p-3 dark:border-slate-800">
          <SearchBox value={query.q ?? ''} onChange={setQ} label={props.searchLabel} placeholder={props.searchPlaceholder} />
          {props.labelFilter ? <LabelFilter value={query.label ?? ''} onChange={setLabel} error={labelError} /> : null}
          <StateFilter value={query.state} onChange={setState} counts={counts} />
        </div>

        {selectedRows.length > 0 && props.bulkActions ? (
          <div
            role="region"
            aria-label="Bulk actions"
            className="flex flex-wrap items-center gap-2 border-b border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-900 dark:bg-brand-900/30"
            data-testid="bulk-bar"
          >
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {selectedRows.length} {selectedRows.length === 1 ? noun.one : noun.many} selected
            </span>
            <span className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-700" aria-hidden="true" />
            {props.bulkActions({ rows: selectedRows, clear: clearSelection })}
            <Button size="sm" variant="ghost" className="ml-auto" onClick={clearSelection}>
              Clear selection
            </Button>
          </div>
        ) : null}

        {error && data && !labelError ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-100">
            <span>Could not refresh: {error.message}</span>
            <Button size="sm" variant="secondary" onClick={() => void list.refetch()} pending={list.isFetching}>
              Retry
            </Button>
          </div>
        ) : null}

        <div className="relative">
          <div
            className={cx('absolute inset-x-0 top-0 z-10 h-0.5 transition-opacity', list.isFetching && (list.isPlaceholderData || !data) ? 'opacity-100' : 'opacity-0')}
            aria-hidden="true"
          >
            <div className="h-full w-full animate-pulse bg-brand-600 motion-reduce:animate-none dark:bg-brand-400" />
          </div>
          <DataTable<RowByKind[K]>
            caption={`${props.title} in ${scope}`}
            columns={columns}
            rows={rows}
            rowKey={rowKey}
            sort={query.sort}
            order={query.order}
            onSort={sortBy}
            loading={!data && !error}
            stale={list.isPlaceholderData}
            skeletonRows={Math.min(query.pageSize, 10)}
            placeholder={placeholder}
            selection={
              props.bulkActions
                ? {
                    selected,
                    label: (row) => `Select ${row.name}`,
                    toggle: (key, checked) => {
                      const keys = new Set(selected);
                      if (checked) keys.add(key);
                      else keys.delete(key);
                      setSelection({ view: viewKey, keys });
                    },
                    toggleAll: (checked) => setSelection({ view: viewKey, keys: checked ? new Set(rows.map(rowKey)) : new Set() }),
                  }
                : undefined
            }
            rowActions={props.rowActions ? (row) => props.rowActions!(row, context) : undefined}
          />
        </div>

        <div className="border-t border-slate-200 dark:border-slate-800">
          <Pagination
            page={query.page}
            pageSize={query.pageSize}
            total={data?.total}
            failed={Boolean(error)}
            noun={noun.many}
            onPage={(page) => update({ page })}
            onPageSize={(pageSize) => update({ pageSize })}
          />
        </div>
      </div>
      <Toaster />
    </div>
  );
}
