'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { cx } from '@/components/ui/cx';
import { Icon, type IconName } from '@/components/ui/icons';
import { dashboardHref, parsePath, sectionHref, SECTION_LABELS, type Section } from '@/lib/routes';

export const NAV_ITEMS: { key: Section | 'dashboard'; icon: IconName }[] = [
  { key: 'dashboard', icon: 'dashboard' },
  { key: 'gitrepos', icon: 'gitrepos' },
  { key: 'clusters', icon: 'clusters' },
  { key: 'clustergroups', icon: 'clustergroups' },
  { key: 'bundles', icon: 'bundles' },
  { key: 'workspaces', icon: 'workspaces' },
];

export function navHref(ws: string, key: Section | 'dashboard'): string {
  return key === 'dashboard' ? dashboardHref(ws) : sectionHref(ws, key);
}

/**
 * The section links. The one for the current section (including its detail pages) has
 * aria-current="page". On narrow screens it becomes a scrolling row under the top bar.
 */
export function SideNav({ ws }: { ws: string }) {
  const pathname = usePathname();
  const { section } = parsePath(pathname);
  const current = section ?? 'dashboard';
  return (
    <nav aria-label="Sections" className="md:sticky md:top-14 md:h-[calc(100dvh-3.5rem)] md:w-56 md:shrink-0 md:overflow-y-auto md:border-r md:border-slate-200 md:dark:border-slate-800">
      <ul className="flex gap-1 overflow-x-auto border-b border-slate-200 px-3 py-2 md:flex-col md:border-b-0 md:px-3 md:py-4 dark:border-slate-800">
        {NAV_ITEMS.map((item) => {
          const active = item.key === current;
          return (
            <li key={item.key}>
              <Link
                href={navHref(ws, item.key)}
                aria-current={active ? 'page' : undefined}
                className={cx(
                  'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap',
                  active
                    ? 'bg-brand-50 font-semibold text-brand-900 dark:bg-brand-900/50 dark:text-brand-100'
                    : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white',
                )}
              >
                <Icon name={item.icon} className={cx('size-4 shrink-0', active ? 'text-brand-700 dark:text-brand-300' : 'text-slate-500 dark:text-slate-400')} />
                {SECTION_LABELS[item.key]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
