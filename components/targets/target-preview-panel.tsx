'use client';

/**
 * "Matches k of N clusters": which clusters of a workspace a GitRepo's targets (`{ targets }`) or
 * a ClusterGroup's selector (`{ selector }`) would select, computed by the BFF with Fleet's rules
 * (the browser never loads every cluster). Asks again ~300 ms after the body stops changing and
 * keeps the last answer on screen meanwhile, so the count does not flicker while you type.
 *
 *   <TargetPreviewPanel workspace="fleet-default" body={{ selector }} />
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';

import { cx } from '@/components/ui/cx';
import { apiSend, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { targetPreviewSchema, type TargetPreview, type TargetPreviewBody } from '@/lib/api/schemas';
import { objectHref } from '@/lib/routes';

import { useDebouncedValue, useDelayedFlag } from './use-debounced-value';

/** How many cluster names the panel lists. */
export const PREVIEW_NAME_LIMIT = 10;
const DEBOUNCE_MS = 300;

function previewPath(workspace: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(workspace)}/target-preview?limit=${PREVIEW_NAME_LIMIT}`;
}

const clusters = (count: number) => `${count} ${count === 1 ? 'cluster' : 'clusters'}`;

/** The headline, in words a screen reader can announce on its own. */
export function matchSummary(preview: TargetPreview): string {
  if (preview.clusterCount === 0) return 'Matches 0 clusters: the workspace has no clusters yet';
  return `Matches ${preview.total} of ${clusters(preview.clusterCount)}`;
}

function problemText(error: unknown): string {
  if (error instanceof ApiClientError) {
    if (error.status === 400 || error.status === 422) return `Cannot preview: ${error.message}`;
    return `The preview is unavailable: ${error.message}`;
  }
  return `The preview is unavailable: ${error instanceof Error ? error.message : String(error)}`;
}

export function TargetPreviewPanel({ workspace, body, className }: { workspace: string; body: TargetPreviewBody; className?: string }) {
  const settled = useDebouncedValue(body, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: fleetKeys.targetPreview(workspace, settled, PREVIEW_NAME_LIMIT),
    queryFn: async () => targetPreviewSchema.parse(await apiSend('POST', previewPath(workspace), settled)),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const typing = JSON.stringify(body) !== JSON.stringify(settled);
  const updating = useDelayedFlag(query.isFetching || typing, 400);
  const headingId = useId();
  const preview = query.isError ? undefined : query.data;

  return (
    <section
      aria-labelledby={headingId}
      aria-busy={query.isPending || undefined}
      className={cx('rounded-xl border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900', className)}
      data-testid="target-preview"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold tracking-tight">
          Matching clusters
        </h2>
        <span className={cx('text-xs text-slate-600 transition-opacity dark:text-slate-400', updating ? 'opacity-100' : 'opacity-0')} aria-hidden={!updating}>
          Updating…
        </span>
      </div>
      <div aria-live="polite" className="mt-2 space-y-2 text-sm">
        {query.isError ? (
          <p className="rounded-md bg-rose-50 px-3 py-2 text-rose-800 dark:bg-rose-950/60 dark:text-rose-200" data-testid="target-preview-error">
            {problemText(query.error)}
          </p>
        ) : preview ? (
          <>
            <p className="text-lg font-semibold tabular-nums" data-testid="target-preview-summary">
              {matchSummary(preview)}
            </p>
            {preview.defaultTarget ? (
              <p className="text-slate-600 dark:text-slate-400" data-testid="target-preview-default">
                No targets are set, so Fleet uses its default target: the cluster group named <code className="font-mono">default</code>.
              </p>
            ) : null}
            {preview.matched.length > 0 ? (
              <ul className="flex flex-wrap gap-1.5" aria-label="First matching clusters">
                {preview.matched.map((name) => (
                  <li key={name}>
                    <Link
                      href={objectHref(workspace, 'clusters', name)}
                      className="inline-block rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-brand-700 hover:underline dark:bg-slate-800 dark:text-brand-300"
                    >
                      {name}
                    </Link>
                  </li>
                ))}
                {preview.total > preview.matched.length ? (
                  <li className="self-center text-xs text-slate-600 dark:text-slate-400">and {preview.total - preview.matched.length} more</li>
                ) : null}
              </ul>
            ) : preview.clusterCount > 0 ? (
              <p className="text-slate-600 dark:text-slate-400">No cluster matches.</p>
            ) : null}
          </>
        ) : (
          <p className="text-slate-600 dark:text-slate-400" data-testid="target-preview-loading">
            Working out which clusters match…
          </p>
        )}
      </div>
    </section>
  );
}
