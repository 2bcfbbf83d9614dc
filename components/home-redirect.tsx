'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { ALL_WORKSPACES } from '@/lib/api/schemas';
import { dashboardHref, DEFAULT_WORKSPACE } from '@/lib/routes';
import { usePreferences } from '@/lib/stores/preferences';

/**
 * `/` → the dashboard of the last workspace (kept in localStorage, so only the browser knows
 * it), or fleet-local. A workspace that no longer exists is skipped.
 */
export function HomeRedirect({ workspaces }: { workspaces: string[] }) {
  const router = useRouter();
  const lastWorkspace = usePreferences((s) => s.lastWorkspace);

  useEffect(() => {
    const fallback = workspaces.includes(DEFAULT_WORKSPACE) ? DEFAULT_WORKSPACE : (workspaces[0] ?? ALL_WORKSPACES);
    const target = lastWorkspace && (lastWorkspace === ALL_WORKSPACES || workspaces.includes(lastWorkspace)) ? lastWorkspace : fallback;
    router.replace(dashboardHref(target));
  }, [lastWorkspace, workspaces, router]);

  return (
    <div role="status" className="flex min-h-dvh items-center justify-center gap-3 text-sm text-slate-600 dark:text-slate-400" data-testid="home-redirect">
      <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-brand-600 border-r-transparent" />
      Opening your workspace…
    </div>
  );
}
