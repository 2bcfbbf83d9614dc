'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

import { ErrorState } from '@/components/ui/error-state';
import { useLiveEvents } from '@/lib/api/live-events';
import { workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { ALL_WORKSPACES, workspaceParamSchema } from '@/lib/api/schemas';
import { usePreferences } from '@/lib/stores/preferences';

import { Breadcrumbs } from './breadcrumbs';
import { CommandPalette } from './command-palette';
import { ConnectionBanner } from './connection-banner';
import { useDensitySync } from './settings-menu';
import { SideNav } from './side-nav';
import { TopBar } from './top-bar';
import { WorkspaceNotFound } from './workspace-not-found';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"], dialog[open], .cm-editor') !== null;
}

/**
 * Global keys: "/" focuses the page's search box (`[data-search-input]`; without one it opens
 * the palette), Ctrl/Cmd+K toggles the command palette.
 */
function useShortcuts(setPaletteOpen: (update: (open: boolean) => boolean) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        // Not on top of another dialog (a confirmation, a form): finish that first.
        if (document.querySelector('dialog[open]:not([data-testid="command-palette"])')) return;
        event.preventDefault();
        setPaletteOpen((open) => !open);
        return;
      }
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        const search = document.querySelector<HTMLInputElement>('[data-search-input]');
        if (search) {
          search.focus();
          search.select();
        } else setPaletteOpen(() => true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPaletteOpen]);
}

/**
 * The frame of every /w/{ws} page: top bar (workspace combobox, search, live indicator,
 * settings), connection banner, side navigation, breadcrumbs and the <main> landmark. It opens
 * the one SSE stream of the tab for {ws}, remembers {ws} as the last workspace, and shows a
 * not-found panel instead of the page when {ws} is not a workspace. `failure` is why the server
 * could not prefetch the workspaces (cluster away or still loading), shown until the browser's
 * own request succeeds.
 */
export function Shell({ ws, failure, children }: { ws: string; failure?: { code: string; message: string }; children: ReactNode }) {
  useLiveEvents(ws);
  useDensitySync();
  const [paletteOpen, setPaletteOpen] = useState(false);
  useShortcuts(setPaletteOpen);

  const summaries = useQuery(workspaceSummariesQuery());
  const validName = workspaceParamSchema.safeParse(ws).success;
  const known = ws === ALL_WORKSPACES || summaries.data?.some((s) => s.name === ws);
  const notFound = !validName || (summaries.data !== undefined && !known);

  const setLastWorkspace = usePreferences((s) => s.setLastWorkspace);
  useEffect(() => {
    if (known) setLastWorkspace(ws);
  }, [known, ws, setLastWorkspace]);

  let content = children;
  if (notFound) content = <WorkspaceNotFound ws={ws} />;
  else if (summaries.data === undefined && (summaries.isError || failure)) {
    // The server could not read the cluster while rendering (`failure`), or the browser could
    // not: say so at once rather than showing skeletons while requests retry.
    content = (
      <>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">Cannot reach the management cluster</h1>
        <ErrorState
          title="Fleet Deck cannot show this workspace right now"
          error={summaries.isError ? summaries.error : failure}
          onRetry={() => void summaries.refetch()}
          retrying={summaries.isFetching}
        />
      </>
    );
  }

  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-slate-900">
        Skip to content
      </a>
      <TopBar ws={ws} onOpenPalette={() => setPaletteOpen(true)} />
      <ConnectionBanner />
      <div className="mx-auto flex max-w-[100rem] flex-col md:flex-row">
        <SideNav ws={ws} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none sm:px-6 lg:px-8">
          <Breadcrumbs />
          {content}
        </main>
      </div>
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} ws={ws} />
    </div>
  );
}
