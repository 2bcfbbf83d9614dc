'use client';

import { Button } from '@/components/ui/button';

/** "21–40 of 312" with previous/next buttons; nothing when everything fits on one page. */
export function Pager({ page, limit, total, onPage, noun, busy }: { page: number; limit: number; total: number; onPage: (page: number) => void; noun: string; busy?: boolean }) {
  if (total <= limit && page === 1) return null;
  const first = total === 0 ? 0 : (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <span data-testid="pager-status">
        {first}–{last} of {total} {noun}
      </span>
      <span className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= pages || busy} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </span>
    </nav>
  );
}
