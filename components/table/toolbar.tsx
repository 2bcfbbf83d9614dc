'use client';

import { useEffect, useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { BUCKET_LABELS } from '@/components/ui/state-badge';
import { STATE_BUCKETS, type BucketCounts, type StateBucket } from '@/lib/api/schemas';

import { PAGE_SIZES } from './list-query';

const inputClass =
  'h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400';

const number = new Intl.NumberFormat('en');
export const formatCount = (value: number) => number.format(value);

// ---- Search -------------------------------------------------------------------------------------

export interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  label: string;
  placeholder?: string;
  /** Debounce in ms before the search runs. */
  delay?: number;
}

/**
 * Searches as you type, after a short pause. Marked `data-search-input` so the shell's "/"
 * shortcut can focus it. A URL change from elsewhere (a link, "Clear filters") replaces the
 * text, but the answer to what was just typed never clobbers newer keystrokes.
 */
export function SearchBox({ value, onChange, label, placeholder, delay = 250 }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState<string | undefined>(undefined);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) setText(value);
  }

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = setTimeout(() => {
      setSent(wanted);
      onChange(wanted);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, value, onChange, delay]);

  return (
    <div className="relative w-full sm:w-72">
      <svg viewBox="0 0 20 20" className="pointer-events-none absolute top-2.5 left-2.5 size-4 fill-slate-500 dark:fill-slate-400" aria-hidden="true">
        <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64a.75.75 0 1 1-1.06 1.06l-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
      </svg>
      <input
        type="search"
        data-search-input
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            setText('');
          }
          if (event.key === 'Enter') {
            setSent(text.trim());
            onChange(text.trim());
          }
        }}
        className={cx(inputClass, 'pr-8 pl-8')}
      />
      <kbd className="pointer-events-none absolute top-2 right-2 hidden rounded border border-slate-300 px-1.5 font-mono text-xs text-slate-600 sm:block dark:border-slate-600 dark:text-slate-400" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}

// ---- State filter -------------------------------------------------------------------------------

export interface StateFilterProps {
  value: StateBucket | undefined;
  onChange(value: StateBucket | undefined): void;
  /** Totals per state (of the whole workspace, not of the current search). */
  counts?: BucketCounts;
}

const BUCKET_DOTS: Record<StateBucket, string> = {
  error: 'bg-rose-600 dark:bg-rose-400',
  warning: 'bg-amber-500 dark:bg-amber-400',
  active: 'bg-emerald-600 dark:bg-emerald-400',
  pending: 'bg-sky-600 dark:bg-sky-400',
};

/** All / Error / Warning / Active / Pending as one radio group (arrow keys move between them). */
export function StateFilter({ value, onChange, counts }: StateFilterProps) {
  const name = useId();
  const options: { value: StateBucket | undefined; label: string; count?: number }[] = [
    { value: undefined, label: 'All', count: counts?.total },
    ...STATE_BUCKETS.map((bucket) => ({ value: bucket, label: BUCKET_LABELS[bucket], count: counts?.[bucket] })),
  ];
  return (
    <fieldset className="flex min-w-0 flex-wrap items-center gap-1" data-testid="state-filter">
      <legend className="sr-only">Filter by state</legend>
      {options.map((option) => {
        const checked = option.value === value;
        return (
          <label
            key={option.label}
            title={option.count !== undefined ? `${formatCount(option.count)} ${option.value ? `in state ${option.label}` : 'in all'}, before search and label filters` : undefined}
            className={cx(
              'inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-full border px-3 text-sm select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 dark:has-[:focus-visible]:outline-brand-400',
              checked
                ? 'border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900'
                : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800',
            )}
          >
            <input type="radio" name={name} className="sr-only" checked={checked} onChange={() => onChange(option.value)} />
            {option.value ? <span className={cx('size-2 rounded-full', BUCKET_DOTS[option.value])} aria-hidden="true" /> : null}
            {option.label}
            {option.count !== undefined ? (
              <span className={cx('tabular-nums', checked ? 'text-slate-300 dark:text-slate-600' : 'text-slate-500 dark:text-slate-400')}>{formatCount(option.count)}</span>
            ) : null}
          </label>
        );
      })}
    </fieldset>
  );
}

// ---- Label selector -----------------------------------------------------------------------------

export interface LabelFilterProps {
  value: string;
  onChange(value: string): void;
  /** The BFF's complaint about the selector, shown under the input. */
  error?: string;
}

/** A Kubernetes label selector, applied on Enter or when the field loses focus. */
export function LabelFilter({ value, onChange, error }: LabelFilterProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  const id = useId();
  const apply = () => {
    if (text.trim() !== value) onChange(text.trim());
  };
  return (
    <div className="w-full sm:w-80">
      <label htmlFor={id} className="sr-only">
        Label selector
      </label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder="Label selector, e.g. env=prod"
        title="A Kubernetes label selector: env=prod, region in (eu,us), !canary"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
        className={cx(inputClass, 'font-mono text-[13px]', error && 'border-rose-600 dark:border-rose-400')}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs break-words text-rose-700 dark:text-rose-300" data-testid="label-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// ---- Paging -------------------------------------------------------------------------------------

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number | undefined;
  noun: string;
  /** The page could not be loaded (the table says why). */
  failed?: boolean;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

export function Pagination({ page, pageSize, total, noun, failed, onPage, onPageSize }: PaginationProps) {
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / pageSize));
  const first = total ? (page - 1) * pageSize + 1 : 0;
  const last = total ? Math.min(total, page * pageSize) : 0;
  const sizeId = useId();
  const pageId = useId();
  const [jump, setJump] = useState(String(page));
  const [seen, setSeen] = useState(page);
  if (seen !== page) {
    setSeen(page);
    setJump(String(page));
  }
  const go = () => {
    const wanted = Number(jump);
    if (!Number.isInteger(wanted) || !pages) return setJump(String(page));
    const clamped = Math.min(Math.max(1, wanted), pages);
    setJump(String(clamped));
    if (clamped !== page) onPage(clamped);
  };

  return (
    <nav aria-label={`${noun} pages`} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2.5 text-sm text-slate-700 dark:text-slate-300">
      <p aria-live="polite" data-testid="showing" className="tabular-nums">
        {total === undefined ? (
          failed ? (
            `No ${noun} to show`
          ) : (
            'Loading…'
          )
        ) : total === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing{' '}
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {formatCount(first)}–{formatCount(last)}
            </span>{' '}
            of <span className="font-medium text-slate-900 dark:text-slate-100">{formatCount(total)}</span> {noun}
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId} className="whitespace-nowrap">
            Rows per page
          </label>
          <select
            id={sizeId}
            value={pageSize}
            onChange={(event) => onPageSize(Number(event.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {[...new Set([...PAGE_SIZES, pageSize])]
              .sort((a, b) => a - b)
              .map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
          </select>
        </div>
        <div className="flex items-center gap-1.5">
          <Button variant="secondary" size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
            <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true">
              <path d="M10.3 3.3a1 1 0 0 1 0 1.4L7 8l3.3 3.3a1 1 0 1 1-1.4 1.4l-4-4a1 1 0 0 1 0-1.4l4-4a1 1 0 0 1 1.4 0Z" />
            </svg>
            <span className="hidden sm:inline">Prev</span>
          </Button>
          <label htmlFor={pageId} className="whitespace-nowrap">
            Page
          </label>
          <input
            id={pageId}
            inputMode="numeric"
            value={jump}
            onChange={(event) => setJump(event.target.value.replace(/\D/g, ''))}
            onBlur={go}
            onKeyDown={(event) => {
              if (event.key === 'Enter') go();
            }}
            className="h-8 w-14 rounded-md border border-slate-300 bg-white px-2 text-center text-sm tabular-nums dark:border-slate-700 dark:bg-slate-900"
          />
          <span className="whitespace-nowrap tabular-nums">of {pages === undefined ? '…' : formatCount(pages)}</span>
          <Button variant="secondary" size="sm" onClick={() => onPage(page + 1)} disabled={pages === undefined || page >= pages} aria-label="Next page">
            <span className="hidden sm:inline">Next</span>
            <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true">
              <path d="M5.7 12.7a1 1 0 0 1 0-1.4L9 8 5.7 4.7a1 1 0 0 1 1.4-1.4l4 4a1 1 0 0 1 0 1.4l-4 4a1 1 0 0 1-1.4 0Z" />
            </svg>
          </Button>
        </div>
      </div>
    </nav>
  );
}
