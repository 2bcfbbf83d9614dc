'use client';

import type { ReactNode } from 'react';

import { cx } from '@/components/ui/cx';
import { Skeleton } from '@/components/ui/skeleton';

export interface Column<Row> {
  id: string;
  header: string;
  /** The BFF sort field (one of SORT_FIELDS[kind]); the header is a sort button when set. */
  sort?: string;
  cell(row: Row): ReactNode;
  /** Classes for the header and the cells (width, alignment, hiding on small screens). */
  className?: string;
  /** Width of the placeholder bar while loading. */
  skeleton?: string;
}

export interface TableSelection<Row> {
  selected: ReadonlySet<string>;
  toggle(key: string, checked: boolean): void;
  toggleAll(checked: boolean): void;
  /** Accessible name of a row's checkbox, e.g. "Select prod-eu-1". */
  label(row: Row): string;
}

export interface DataTableProps<Row> {
  /** Read by screen readers as the table's name. */
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  sort: string;
  order: 'asc' | 'desc';
  onSort(field: string): void;
  /** No rows yet: show placeholder rows. */
  loading?: boolean;
  /** Rows shown are the previous page while the next one loads. */
  stale?: boolean;
  skeletonRows?: number;
  selection?: TableSelection<Row>;
  rowActions?(row: Row): ReactNode;
  /** Shown in place of the rows (empty and error states). */
  placeholder?: ReactNode;
}

function SortIcon({ direction }: { direction: 'asc' | 'desc' | undefined }) {
  return (
    <svg viewBox="0 0 12 12" className={cx('size-3 shrink-0', direction ? 'fill-current' : 'fill-slate-400 opacity-0 group-hover:opacity-100 dark:fill-slate-500')} aria-hidden="true">
      {direction === 'desc' ? <path d="M6 9 2 4h8z" /> : direction === 'asc' ? <path d="M6 3 2 8h8z" /> : <path d="M6 1.5 3 5h6zM6 10.5 3 7h6z" />}
    </svg>
  );
}

/**
 * The table itself: headers that sort, optional checkboxes and a trailing actions cell. It holds
 * no data and no state — the list view owns the query, the selection and the page.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  order,
  onSort,
  loading,
  stale,
  skeletonRows = 8,
  selection,
  rowActions,
  placeholder,
}: DataTableProps<Row>) {
  // Row height follows the density preference (the shell sets <html data-density>).
  const cellPad = 'px-3 py-3 compact:py-1.5';
  const span = columns.length + (selection ? 1 : 0) + (rowActions ? 1 : 0);
  const keys = rows.map(rowKey);
  const selectedHere = selection ? keys.filter((key) => selection.selected.has(key)).length : 0;
  const allSelected = keys.length > 0 && selectedHere === keys.length;

  return (
    <div className="relative overflow-x-auto">
      <table
        className={cx('w-full border-collapse text-left text-sm', stale && 'opacity-60 transition-opacity delay-150')}
        aria-busy={loading || stale ? true : undefined}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            {selection ? (
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-brand-700 dark:border-slate-600 dark:accent-brand-400"
                  aria-label="Select all rows on this page"
                  checked={allSelected}
                  ref={(input) => {
                    if (input) input.indeterminate = selectedHere > 0 && !allSelected;
                  }}
                  disabled={keys.length === 0}
                  onChange={(event) => selection.toggleAll(event.target.checked)}
                />
              </th>
            ) : null}
            {columns.map((column) => {
              const direction = column.sort && column.sort === sort ? order : undefined;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={cx('px-3 py-2 align-bottom font-medium', column.className)}
                  aria-sort={column.sort ? (direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {column.sort ? (
                    <button
                      type="button"
                      className="group -mx-1 inline-flex items-center gap-1 rounded px-1 text-left uppercase hover:text-slate-900 dark:hover:text-slate-100"
                      onClick={() => onSort(column.sort!)}
                    >
                      {column.header}
                      <SortIcon direction={direction} />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
            {rowActions ? (
              <th scope="col" className="w-12 px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {placeholder ? (
            <tr>
              <td colSpan={span}>{placeholder}</td>
            </tr>
          ) : loading ? (
            Array.from({ length: skeletonRows }, (_, index) => (
              <tr key={index} data-testid="skeleton-row">
                {selection ? (
                  <td className={cellPad}>
                    <Skeleton className="size-4" />
                  </td>
                ) : null}
                {columns.map((column) => (
                  <td key={column.id} className={cx(cellPad, column.className)}>
                    <Skeleton className={cx('h-4', column.skeleton ?? 'w-24')} />
                  </td>
                ))}
                {rowActions ? <td className={cellPad} /> : null}
              </tr>
            ))
          ) : (
            rows.map((row, index) => {
              const key = keys[index]!;
              const isSelected = selection?.selected.has(key) ?? false;
              return (
                <tr
                  key={key}
                  data-testid="row"
                  data-key={key}
                  className={cx('align-top', isSelected ? 'bg-brand-50/70 dark:bg-brand-900/20' : 'hover:bg-slate-50 dark:hover:bg-slate-900/50')}
                >
                  {selection ? (
                    <td className={cellPad}>
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 rounded border-slate-300 accent-brand-700 dark:border-slate-600 dark:accent-brand-400"
                        aria-label={selection.label(row)}
                        checked={isSelected}
                        onChange={(event) => selection.toggle(key, event.target.checked)}
                      />
                    </td>
                  ) : null}
                  {columns.map((column) => (
                    <td key={column.id} className={cx(cellPad, column.className)}>
                      {column.cell(row)}
                    </td>
                  ))}
                  {rowActions ? <td className={cx(cellPad, 'py-1 text-right')}>{rowActions(row)}</td> : null}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
