'use client';

import Link from 'next/link';

import { Logo } from '@/components/logo';
import { Icon } from '@/components/ui/icons';
import { dashboardHref } from '@/lib/routes';

import { LiveIndicator } from './live-indicator';
import { SettingsMenu } from './settings-menu';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

/** Logo, workspace combobox, search (Ctrl/Cmd+K), live indicator, settings and (team mode) the user menu. */
export function TopBar({ ws, onOpenPalette }: { ws: string; onOpenPalette(): void }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="flex h-14 items-center gap-3 px-3 sm:px-4">
        <Link href={dashboardHref(ws)} className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight md:w-[12.5rem]">
          <Logo />
          <span className="hidden text-lg sm:inline">Fleet Deck</span>
        </Link>
        <WorkspaceSwitcher ws={ws} />
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            onClick={onOpenPalette}
            aria-keyshortcuts="Control+K Meta+K"
            className="flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-600 shadow-xs hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            <Icon name="search" className="size-4" />
            <span className="hidden sm:inline">Search</span>
            <kbd className="hidden rounded border border-slate-300 px-1 font-mono text-[11px] text-slate-600 lg:inline dark:border-slate-600 dark:text-slate-300">Ctrl K</kbd>
          </button>
          <LiveIndicator />
          <SettingsMenu />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
