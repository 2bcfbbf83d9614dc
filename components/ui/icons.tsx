/**
 * Small inline icons (20×20, `currentColor`), decorative unless given a `title`.
 *
 *   <Icon name="error" className="size-4" />
 *
 * Names: dashboard, gitrepos, clusters, clustergroups, bundles, workspaces, error, warning,
 * active, pending, search, settings, chevron-down, chevron-right, check, close, plus, trash,
 * external, sun, moon, monitor, refresh.
 */
import type { SVGProps } from 'react';

const PATHS = {
  dashboard: 'M3 3h6v8H3zM11 3h6v5h-6zM11 10h6v7h-6zM3 13h6v4H3z',
  gitrepos:
    'M6 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm0 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm8-7a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM6 7v6M14 10c0 2-2 3-4 3H7',
  clusters: 'M10 2.5 17 6.5v7L10 17.5 3 13.5v-7zM10 10l7-3.5M10 10 3 6.5M10 10v7.5',
  clustergroups: 'M3 4h6v5H3zM11 4h6v5h-6zM3 11h6v5H3zM11 11h6v5h-6z',
  bundles: 'M3 6.5 10 3l7 3.5-7 3.5zM3 10l7 3.5 7-3.5M3 13.5 10 17l7-3.5',
  workspaces: 'M2.5 6h15v10.5h-15zM7 6V3.5h6V6M2.5 10.5h15',
  error: 'M10 2.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15ZM7.5 7.5l5 5M12.5 7.5l-5 5',
  warning: 'M10 3 18 17H2zM10 8v4M10 14.5v.5',
  active: 'M10 2.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15ZM6.5 10.2l2.3 2.3 4.7-4.8',
  pending: 'M10 2.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15ZM10 6v4.2l2.8 1.8',
  search: 'M8.5 3a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11ZM12.5 12.5 17 17',
  settings:
    'M3 5h7M14 5h3M3 10h2M9 10h8M3 15h9M16 15h1M12 3.2a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6ZM7 8.2a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6ZM14 13.2a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6Z',
  'chevron-down': 'M5.5 8 10 12.5 14.5 8',
  'chevron-right': 'M8 5.5 12.5 10 8 14.5',
  check: 'M4.5 10.5 8 14l7.5-8',
  close: 'M5 5l10 10M15 5 5 15',
  plus: 'M10 4v12M4 10h12',
  trash: 'M3.5 5.5h13M8 5.5V3.5h4v2M5 5.5l.8 11h8.4l.8-11M8.3 8.5v5.5M11.7 8.5v5.5',
  external: 'M11 3.5h5.5V9M16.5 3.5 9 11M14 12v4.5H3.5V6H8',
  sun: 'M10 6.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7ZM10 1.8v2M10 16.2v2M1.8 10h2M16.2 10h2M4.2 4.2l1.4 1.4M14.4 14.4l1.4 1.4M4.2 15.8l1.4-1.4M14.4 5.6l1.4-1.4',
  moon: 'M16.5 12.5A7 7 0 0 1 7.5 3.5a7 7 0 1 0 9 9Z',
  monitor: 'M2.5 3.5h15v10h-15zM7 17h6M10 13.5V17',
  refresh: 'M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.8h-3.8',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, title, ...props }: { name: IconName; title?: string } & Omit<SVGProps<SVGSVGElement>, 'children'>) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      focusable="false"
      {...props}
    >
      {title ? <title>{title}</title> : null}
      <path d={PATHS[name]} />
    </svg>
  );
}
