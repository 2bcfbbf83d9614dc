import 'server-only';

import type { RelatedState, RelationPage } from '@/lib/api/schemas';
import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import { bundleDeploymentMessage, bundleDeploymentState, stateBucket, worstState } from '@/lib/fleet/state';
import type { BundleDeployment } from '@/lib/fleet/types';
import type { FleetApi } from '@/server/kube/fleet-api';

/**
 * BundleDeployments are never cached (clusters × bundles can be millions): a detail page reads the
 * ones it needs by label selector or namespace, page by page, up to a budget, and folds them into
 * per-cluster / per-bundle / per-repo states.
 */

/** BundleDeployments one detail request reads at most. */
export const BUNDLE_DEPLOYMENT_BUDGET = 10_000;
const PAGE_SIZE = 1_000;

export interface DeploymentScan {
  items: BundleDeployment[];
  /** False when the budget ran out before the list did. */
  complete: boolean;
}

export async function scanBundleDeployments(
  api: FleetApi,
  query: { namespace?: string; labelSelector?: string },
  budget = BUNDLE_DEPLOYMENT_BUDGET,
): Promise<DeploymentScan> {
  const items: BundleDeployment[] = [];
  let continueToken: string | undefined;
  do {
    const page = await api.listPage<BundleDeployment>('bundledeployments', {
      ...query,
      limit: Math.min(PAGE_SIZE, budget - items.length),
      continueToken,
    });
    items.push(...page.items);
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken && items.length < budget);
  return { items, complete: !continueToken };
}

/** The state Fleet shows for one BundleDeployment: its `status.display.state`, else computed alike. */
export function deploymentState(bd: BundleDeployment): { state: string; message: string } {
  const state = bd.status?.display?.state || bundleDeploymentState(bd);
  return { state, message: state === 'Ready' ? '' : bundleDeploymentMessage(bd) };
}

type Grouping = (bd: BundleDeployment) => { workspace: string; name: string; repo?: string } | undefined;

/** Group by the cluster a BundleDeployment is for. */
export const byCluster: Grouping = (bd) => {
  const labels = bd.metadata.labels ?? {};
  const name = labels[CLUSTER_LABEL];
  return name ? { workspace: labels[CLUSTER_NAMESPACE_LABEL] ?? '', name } : undefined;
};

/** Group by the Bundle a BundleDeployment deploys. */
export const byBundle: Grouping = (bd) => {
  const labels = bd.metadata.labels ?? {};
  const name = labels[BUNDLE_LABEL];
  return name ? { workspace: labels[BUNDLE_NAMESPACE_LABEL] ?? '', name, repo: labels[REPO_LABEL] || undefined } : undefined;
};

/** Group by the GitRepo a BundleDeployment came from (others, like the agent bundle, are left out). */
export const byRepo: Grouping = (bd) => {
  const labels = bd.metadata.labels ?? {};
  const name = labels[REPO_LABEL];
  return name ? { workspace: labels[BUNDLE_NAMESPACE_LABEL] ?? '', name } : undefined;
};

const BUCKET_ORDER = { error: 0, warning: 1, pending: 2, active: 3 } as const;

/**
 * Folds BundleDeployments into one state per group: the worst state (Fleet's rank), the first
 * non-ready message (prefixed with the bundle when a group holds several), and ready/total
 * counts. Sorted worst first, then by name, so the first page shows what needs attention.
 */
export function foldDeployments(items: readonly BundleDeployment[], group: Grouping): RelatedState[] {
  const groups = new Map<string, { key: { workspace: string; name: string; repo?: string }; states: string[]; message: string; ready: number; total: number }>();
  for (const bd of items) {
    const key = group(bd);
    if (!key) continue;
    const id = `${key.workspace}/${key.name}`;
    let entry = groups.get(id);
    if (!entry) groups.set(id, (entry = { key, states: [], message: '', ready: 0, total: 0 }));
    const { state, message } = deploymentState(bd);
    entry.states.push(state);
    entry.total++;
    if (state === 'Ready') entry.ready++;
    else if (!entry.message) {
      const bundle = bd.metadata.labels?.[BUNDLE_LABEL] ?? bd.metadata.name;
      entry.message = message ? `${bundle}: ${message}` : `${bundle}: ${state}`;
    }
  }
  const states: RelatedState[] = [...groups.values()].map(({ key, states: list, message, ready, total }) => {
    const state = worstState(list) || (list.find((s) => s && s !== 'Ready') ?? 'Ready');
    return {
      workspace: key.workspace,
      name: key.name,
      state,
      bucket: stateBucket(state),
      message: state === 'Ready' ? '' : message,
      deployments: { ready, desired: total },
      ...(key.repo ? { repo: key.repo } : {}),
    };
  });
  return states.sort((a, b) => BUCKET_ORDER[a.bucket] - BUCKET_ORDER[b.bucket] || a.workspace.localeCompare(b.workspace) || a.name.localeCompare(b.name));
}

/** Cuts a sorted list to one page. `knownTotal` (from Fleet's status) counts when the scan was cut short. */
export function pageOf<T>(items: readonly T[], paging: { offset: number; limit: number }, complete = true, knownTotal = 0): RelationPage<T> {
  return {
    items: items.slice(paging.offset, paging.offset + paging.limit),
    total: complete ? items.length : Math.max(items.length, knownTotal),
    offset: paging.offset,
    limit: paging.limit,
    complete,
  };
}
