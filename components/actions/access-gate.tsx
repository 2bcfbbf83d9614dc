'use client';

import { useId, type ComponentProps, type ReactNode } from 'react';

import { Button, ButtonLink } from '@/components/ui/button';
import { gated, useCanIn, useWriteAccess, type Can } from '@/lib/api/access';
import type { AccessKindDto } from '@/lib/api/schemas';

import type { MenuItem } from './row-menu';

/** What a menu item needs: its `verb`, or by default `delete` for dangerous items and `patch` for the rest. */
export type GatedVerb = 'create' | 'update' | 'patch' | 'delete';

/**
 * Switches off the items of a row menu the person may not use in the row's workspace, each with
 * its reason as the hint ("You cannot change Git repos in fleet-default"). Everything passes in
 * local mode.
 */
export function useMenuGate(scope: { ws: string; kind: AccessKindDto } | undefined): (item: MenuItem | 'separator') => MenuItem | 'separator' {
  const access = useWriteAccess(scope ? [scope.ws] : [], scope?.kind ?? 'gitrepos');
  return (item) => {
    if (!scope || item === 'separator') return item;
    return gated(item, access[item.verb ?? (item.danger ? 'delete' : 'patch')]);
  };
}

/**
 * A group of buttons (a bulk bar, a page's actions) switched off together when `can` says no,
 * with the reason written next to them — not in a tooltip only, so everyone can read it.
 */
export function AccessFieldset({ can, children }: { can: Can; children: ReactNode }) {
  return (
    <>
      <fieldset disabled={!can.allowed} className="contents">
        <legend className="sr-only">Actions</legend>
        {children}
      </fieldset>
      {can.reason ? (
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="access-reason">
          {can.reason}
        </span>
      ) : null}
    </>
  );
}

/**
 * A "create" link (Add Git Repo, Create cluster group) that becomes a disabled button with the
 * reason beside it when the person may not create that kind in the workspace. `quiet`: the reason
 * as a tooltip and for screen readers only, where a row of buttons already says why nearby.
 */
export function GatedLink({
  ws,
  kind,
  verb = 'create',
  quiet = false,
  children,
  ...link
}: { ws: string; kind: AccessKindDto; verb?: GatedVerb; quiet?: boolean; children: ReactNode } & ComponentProps<typeof ButtonLink>) {
  const can = useCanIn([ws], kind, verb);
  const reasonId = useId();
  if (can.allowed) return <ButtonLink {...link}>{children}</ButtonLink>;
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant={link.variant} size={link.size} icon={link.icon} disabled title={can.reason} aria-describedby={can.reason ? reasonId : undefined} aria-label={link['aria-label']}>
        {children}
      </Button>
      {can.reason ? (
        <span id={reasonId} className={quiet ? 'sr-only' : 'text-xs text-slate-600 dark:text-slate-400'} data-testid="access-reason">
          {can.reason}
        </span>
      ) : null}
    </span>
  );
}
