'use client';

import Link from 'next/link';

import type { FailureReasonsDto } from '@/lib/api/schemas';
import { objectHref } from '@/lib/routes';

/**
 * One line under a list row's state: "2 bundles · 4 clusters failing: a, b, c +1", the names
 * linked to their pages. Clusters are named when known (where it fails matters most in a list),
 * bundles otherwise; the full text of both lists is in the title. Compact on purpose: the detail
 * page has the whole story.
 */

/** How many names fit one glance in a table cell. */
const SHOWN_NAMES = 3;

type NamedCount = NonNullable<FailureReasonsDto['clusters']>;

function countText(named: NamedCount, noun: string): string {
  return `${named.count} ${named.count === 1 ? noun : `${noun}s`}`;
}

function fullText(named: NamedCount, noun: string): string {
  const rest = named.count - named.names.length;
  return `Failing ${countText(named, noun)}: ${named.names.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** A reason's name is `<name>` in the row's workspace, or `<workspace>/<name>` elsewhere. */
function hrefOf(ws: string, kind: 'bundles' | 'clusters', name: string): string {
  const slash = name.indexOf('/');
  return slash === -1 ? objectHref(ws, kind, name) : objectHref(name.slice(0, slash), kind, name.slice(slash + 1));
}

export function RowFailing({ failing, ws }: { failing: FailureReasonsDto | undefined; ws: string }) {
  const { bundles, clusters } = failing ?? {};
  if (!bundles && !clusters) return null;
  const counts = [bundles ? countText(bundles, 'bundle') : undefined, clusters ? countText(clusters, 'cluster') : undefined].filter(Boolean).join(' · ');
  const [named, kind] = clusters && clusters.names.length > 0 ? ([clusters, 'clusters'] as const) : bundles && bundles.names.length > 0 ? ([bundles, 'bundles'] as const) : [undefined, undefined];
  const shown = named ? named.names.slice(0, SHOWN_NAMES) : [];
  const more = named ? named.count - shown.length : 0;
  const title = [bundles ? fullText(bundles, 'bundle') : undefined, clusters ? fullText(clusters, 'cluster') : undefined].filter(Boolean).join('\n');
  return (
    <p className="text-xs leading-5 wrap-anywhere text-slate-700 dark:text-slate-300" title={title} data-testid="row-failing" data-kind={kind}>
      <span className="font-medium">{counts} failing</span>
      {shown.length > 0 ? ': ' : null}
      {shown.map((name, index) => (
        <span key={name}>
          <Link href={hrefOf(ws, kind!, name)} prefetch={false} className="font-mono text-brand-700 hover:underline dark:text-brand-300">
            {name}
          </Link>
          {index < shown.length - 1 ? ', ' : null}
        </span>
      ))}
      {more > 0 ? (
        <span>
          {' '}
          +{more}
          <span className="sr-only"> more</span>
        </span>
      ) : null}
    </p>
  );
}
