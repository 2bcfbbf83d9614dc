'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';

import { cx } from '@/components/ui/cx';
import { Dialog } from '@/components/ui/dialog';
import { Icon, type IconName } from '@/components/ui/icons';
import { formatState, StateBadge } from '@/components/ui/state-badge';
import { rowsQuery, workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { ALL_WORKSPACES, LIST_KINDS, type ListKind, type StateBucket } from '@/lib/api/schemas';
import { dashboardHref, newGitRepoHref, objectHref, SECTION_LABELS, workspaceLabel } from '@/lib/routes';

import { NAV_ITEMS, navHref } from './side-nav';

const SEARCH_DEBOUNCE_MS = 200;
const PER_KIND = 5;

const KIND_ICONS: Record<ListKind, IconName> = { gitrepos: 'gitrepos', clusters: 'clusters', clustergroups: 'clustergroups', bundles: 'bundles' };

interface Item {
  id: string;
  group: string;
  label: string;
  detail?: string;
  icon: IconName;
  href: string;
  state?: { state: string; bucket: StateBucket };
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * Ctrl/Cmd+K: jump to a page, a workspace, or any Git Repo, Cluster, Cluster Group or Bundle by
 * name in any workspace (the BFF's `_all` lists, five per kind, searched as you type). Arrow
 * keys move, Enter opens.
 */
export function CommandPalette({ open, onClose, ws }: { open: boolean; onClose(): void; ws: string }) {
  return (
    <Dialog open={open} onClose={onClose} title="Go to…" description="Pages, workspaces and objects in every workspace" size="lg" testId="command-palette">
      <PaletteBody ws={ws} onClose={onClose} />
    </Dialog>
  );
}

function PaletteBody({ ws, onClose }: { ws: string; onClose(): void }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const needle = text.trim().toLowerCase();
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);

  const { data: summaries } = useQuery(workspaceSummariesQuery());
  const results = useQueries({
    queries: LIST_KINDS.map((kind) => ({ ...rowsQuery(kind, ALL_WORKSPACES, { q, pageSize: PER_KIND }), enabled: q.length > 0 })),
  });
  const searching = q !== text.trim() || results.some((r) => r.isFetching);

  const items = useMemo<Item[]>(() => {
    const pages: Item[] = NAV_ITEMS.map((item) => ({
      id: `page-${item.key}`,
      group: 'Pages',
      label: SECTION_LABELS[item.key],
      detail: workspaceLabel(ws),
      icon: item.icon,
      href: navHref(ws, item.key),
    }));
    if (ws !== ALL_WORKSPACES) pages.push({ id: 'page-new-gitrepo', group: 'Pages', label: 'Add Git Repo', detail: ws, icon: 'plus', href: newGitRepoHref(ws) });
    const workspaces: Item[] = [ALL_WORKSPACES, ...(summaries ?? []).map((s) => s.name)].map((name) => ({
      id: `ws-${name}`,
      group: 'Workspaces',
      label: workspaceLabel(name),
      detail: 'Dashboard',
      icon: 'workspaces',
      href: dashboardHref(name),
    }));
    const matches = (item: Item) => !needle || item.label.toLowerCase().includes(needle);
    const objects: Item[] = [];
    if (q) {
      LIST_KINDS.forEach((kind, index) => {
        for (const row of results[index]?.data?.items ?? []) {
          objects.push({
            id: `${kind}-${row.workspace}-${row.name}`,
            group: SECTION_LABELS[kind],
            label: row.name,
            detail: row.workspace,
            icon: KIND_ICONS[kind],
            href: objectHref(row.workspace, kind, row.name),
            state: { state: row.state, bucket: row.bucket },
          });
        }
      });
    }
    return [...objects, ...pages.filter(matches), ...workspaces.filter(matches)];
  }, [ws, summaries, results, q, needle]);

  const current = Math.min(active, Math.max(0, items.length - 1));
  const optionId = (index: number) => `${id}-item-${index}`;

  const go = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    router.push(item.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      if (items.length === 0) return;
      const next = (to + items.length) % items.length;
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
    };
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(current + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(current - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(items[current]);
    }
  };

  let lastGroup = '';
  return (
    <div className="space-y-3">
      <div className="relative">
        <Icon name="search" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
        <input
          role="combobox"
          aria-label="Search pages and objects"
          aria-expanded={true}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Type a name: a Git Repo, a cluster, a page…"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          className="block h-11 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-base shadow-xs dark:border-slate-700 dark:bg-slate-950"
        />
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {searching ? 'Searching…' : q ? `${items.length} results` : ''}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label="Results" className="max-h-[50dvh] overflow-y-auto">
        {items.map((item, index) => {
          const header = item.group !== lastGroup ? item.group : undefined;
          lastGroup = item.group;
          return (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              aria-label={[item.label, item.group === 'Pages' || item.group === 'Workspaces' ? item.group.replace(/s$/, '') : `${item.group.replace(/s$/, '')} in ${item.detail}`, item.state ? formatState(item.state.state) : ''].filter(Boolean).join(', ')}
              onMouseMove={() => {
                if (index !== current) setActive(index);
              }}
              onClick={() => go(item)}
              className={cx('cursor-pointer', header && index > 0 ? 'mt-2' : undefined)}
            >
              {header ? <span className="block px-2 pb-1 text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400" aria-hidden="true">{header}</span> : null}
              <span className={cx('flex items-center gap-3 rounded-md px-2 py-1.5 text-sm', index === current && 'bg-slate-100 dark:bg-slate-800')}>
                <Icon name={item.icon} className="size-4 shrink-0 text-slate-500 dark:text-slate-400" />
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium">{item.label}</span>
                  {item.detail ? <span className="ml-2 text-slate-600 dark:text-slate-400">{item.detail}</span> : null}
                </span>
                {item.state ? <StateBadge state={item.state.state} bucket={item.state.bucket} /> : null}
              </span>
            </li>
          );
        })}
        {items.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="px-2 py-6 text-center text-sm text-slate-600 dark:text-slate-400">
            {searching ? 'Searching…' : `Nothing matches “${text.trim()}”`}
          </li>
        ) : null}
      </ul>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> to move, <kbd className="font-mono">Enter</kbd> to open, <kbd className="font-mono">Esc</kbd> to close
      </p>
    </div>
  );
}
