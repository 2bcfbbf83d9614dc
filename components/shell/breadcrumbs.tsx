'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { Icon } from '@/components/ui/icons';
import { dashboardHref, parsePath, sectionHref, SECTION_LABELS, workspaceLabel } from '@/lib/routes';

interface Crumb {
  label: string;
  href?: string;
}

/** Crumbs from the URL alone: workspace › section › object (the last one is the current page). */
export function crumbsFor(pathname: string): Crumb[] {
  const { ws, section, name, rest } = parsePath(pathname);
  if (!ws) return [];
  const crumbs: Crumb[] = [{ label: workspaceLabel(ws), href: dashboardHref(ws) }];
  if (!section) {
    crumbs.push({ label: SECTION_LABELS.dashboard });
    return crumbs;
  }
  crumbs.push({ label: SECTION_LABELS[section], href: sectionHref(ws, section) });
  if (name) crumbs.push({ label: name === 'new' && (section === 'gitrepos' || section === 'clustergroups') ? 'New' : name, href: rest.length > 0 ? `${sectionHref(ws, section)}/${encodeURIComponent(name)}` : undefined });
  for (const part of rest) crumbs.push({ label: part.charAt(0).toUpperCase() + part.slice(1) });
  // The last crumb is the page itself.
  const last = crumbs[crumbs.length - 1]!;
  crumbs[crumbs.length - 1] = { label: last.label };
  return crumbs;
}

export function Breadcrumbs() {
  const crumbs = crumbsFor(usePathname());
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="mb-3">
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600 dark:text-slate-400">
        {crumbs.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`} className="flex min-w-0 items-center gap-1">
            {index > 0 ? <Icon name="chevron-right" className="size-3.5 shrink-0 text-slate-400 dark:text-slate-500" /> : null}
            {crumb.href ? (
              <Link href={crumb.href} className="truncate rounded-sm hover:text-slate-900 hover:underline dark:hover:text-white">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate font-medium text-slate-900 dark:text-slate-100">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
