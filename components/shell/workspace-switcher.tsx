'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';

import { Badge } from '@/components/ui/badge';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { workspaceSummariesQuery } from '@/lib/api/workspace-queries';
import { ALL_WORKSPACES, type WorkspaceSummary } from '@/lib/api/schemas';
import { switchWorkspaceHref } from '@/lib/routes';
import { usePreferences } from '@/lib/stores/preferences';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Objects in the error bucket, over every kind. */
export function errorCount(summary: Pick<WorkspaceSummary, 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles'>): number {
  return summary.gitrepos.error + summary.clusters.error + summary.clustergroups.error + summary.bundles.error;
}

function optionMeta(repos: number, clusters: number, errors: number) {
  return (
    <>
      <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {plural(repos, 'repo')} · {plural(clusters, 'cluster')}
      </span>
      {errors > 0 ? (
        <Badge tone="error" className="ml-1">
          {plural(errors, 'error')}
        </Badge>
      ) : null}
    </>
  );
}

/**
 * The workspace combobox of the top bar: every workspace with its repo and cluster counts and
 * an error badge, plus "All workspaces". Choosing one keeps the section (clusters stay clusters)
 * and is remembered as the last workspace.
 */
export function WorkspaceSwitcher({ ws }: { ws: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const setLastWorkspace = usePreferences((s) => s.setLastWorkspace);
  const { data: summaries } = useQuery(workspaceSummariesQuery());

  const options = useMemo<ComboboxOption[]>(() => {
    const items = summaries ?? [];
    const total = (pick: (s: WorkspaceSummary) => number) => items.reduce((sum, s) => sum + pick(s), 0);
    return [
      {
        value: ALL_WORKSPACES,
        label: 'All workspaces',
        keywords: 'all every _all',
        meta: summaries ? optionMeta(total((s) => s.gitrepos.total), total((s) => s.clusters.total), total(errorCount)) : undefined,
      },
      ...items.map((s) => ({ value: s.name, label: s.name, meta: optionMeta(s.gitrepos.total, s.clusters.total, errorCount(s)) })),
    ];
  }, [summaries]);

  return (
    <Combobox
      label="Workspace"
      labelClassName="hidden text-xs font-medium tracking-wide text-slate-600 uppercase lg:block dark:text-slate-400"
      className="flex w-full max-w-xs items-center gap-2"
      inputClassName="font-medium"
      listClassName="w-max max-w-[min(36rem,calc(100vw-2rem))] min-w-full"
      placeholder="Choose a workspace"
      options={options}
      value={ws}
      testId="workspace-switcher"
      onChange={(next) => {
        setLastWorkspace(next);
        router.push(switchWorkspaceHref(pathname, searchParams.toString(), next));
      }}
    />
  );
}
