'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { usePopover } from '@/components/ui/use-popover';
import { apiSend } from '@/lib/api/client';
import { useSession } from '@/lib/api/access';

/**
 * Team mode: who is signed in, their groups, and "Sign out". Nothing in local mode, where
 * Fleet Deck acts as the kubeconfig and nobody signs in.
 */
export function UserMenu() {
  const { data: session } = useSession();
  const { rootRef, buttonRef, buttonProps, panelProps } = usePopover();
  const [pending, setPending] = useState(false);

  if (session?.mode !== 'token' || !session.user) return null;
  const { username, groups } = session.user;
  const shownGroups = groups.filter((group) => group !== 'system:authenticated');

  const signOut = async () => {
    setPending(true);
    try {
      await apiSend('DELETE', '/api/v1/session');
    } finally {
      // A full load drops every cached answer of this person.
      window.location.assign('/sign-in');
    }
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        {...buttonProps}
        aria-label={`Signed in as ${username}`}
        className="flex h-9 max-w-[12rem] items-center gap-2 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        data-testid="user-menu"
      >
        <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white uppercase">
          {username.replace(/^system:serviceaccount:[^:]*:/, '').slice(0, 1)}
        </span>
        <span className="hidden truncate sm:inline">{username}</span>
      </button>
      <div
        {...panelProps}
        role="group"
        aria-label="Account"
        className="absolute right-0 z-40 mt-2 w-72 space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <div>
          <p className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">Signed in as</p>
          <p className="font-mono break-all">{username}</p>
          {shownGroups.length > 0 ? <p className="mt-1 text-xs break-all text-slate-600 dark:text-slate-400">Groups: {shownGroups.join(', ')}</p> : null}
        </div>
        <Button variant="secondary" className="w-full" pending={pending} onClick={() => void signOut()}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
