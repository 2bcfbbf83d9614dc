import 'server-only';

import type { BundleRow, ClusterGroupRow, ClusterRow, GitRepoRow, ResourceCountsDto } from '@/lib/api/schemas';
import { CLUSTER_DISPLAY_NAME_LABEL, COMMIT_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import { bundleState, clusterGroupState, clusterState, gitRepoState, parseReadyFraction, type ObjectState } from '@/lib/fleet/presentation';
import { bundleReasons, clusterGroupReasons, clusterReasons, gitRepoReasons, isEmptyReasons, type FailureReasons } from '@/lib/fleet/reasons';
import type { Bundle, Cluster, ClusterGroup, GitRepo, GitTarget, ResourceCounts } from '@/lib/fleet/types';
import { formatRequirements, labelSelectorToRequirements, type LabelSelector } from '@/lib/k8s/label-selector';

/** Rows are what list pages show: small, flat, and computed once per change of the object. */

/** The state plus, when not Ready, the reasons (failing condition, bundles, clusters). */
function withReasons(state: ObjectState, reasons: () => FailureReasons): ObjectState & { failing?: FailureReasons } {
  if (state.bucket === 'active') return state;
  const failing = reasons();
  return isEmptyReasons(failing) ? state : { ...state, failing };
}

function resourceCounts(counts: Partial<ResourceCounts> | undefined): ResourceCountsDto {
  return {
    ready: counts?.ready ?? 0,
    desiredReady: counts?.desiredReady ?? 0,
    waitApplied: counts?.waitApplied ?? 0,
    modified: counts?.modified ?? 0,
    orphaned: counts?.orphaned ?? 0,
    missing: counts?.missing ?? 0,
    unknown: counts?.unknown ?? 0,
    notReady: counts?.notReady ?? 0,
  };
}

function base(object: { metadata: { namespace?: string; name: string; labels?: Record<string, string>; creationTimestamp?: string } }) {
  return {
    workspace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    labels: object.metadata.labels ?? {},
    createdAt: object.metadata.creationTimestamp,
  };
}

/** A selector as people read it: `env=prod,region in (eu,us)`; "nothing" for a nil selector. */
export function describeSelector(selector: LabelSelector | null | undefined): string {
  if (!selector) return 'nothing';
  try {
    const text = formatRequirements(labelSelectorToRequirements(selector));
    return text || 'everything';
  } catch {
    return 'invalid selector';
  }
}

/** One line for a GitRepo's targets, e.g. `group default` or `2 targets: cluster prod-1, env=prod`. */
export function describeTargets(targets: readonly GitTarget[] | undefined): string {
  const list = targets ?? [];
  if (list.length === 0) return 'group default';
  const parts = list.map((target) => {
    const criteria: string[] = [];
    if (target.clusterName) criteria.push(`cluster ${target.clusterName}`);
    if (target.clusterGroup) criteria.push(`group ${target.clusterGroup}`);
    if (target.clusterGroupSelector) criteria.push(`groups ${describeSelector(target.clusterGroupSelector as LabelSelector)}`);
    if (target.clusterSelector) {
      const text = describeSelector(target.clusterSelector as LabelSelector);
      criteria.push(text === 'everything' ? 'all clusters' : `clusters ${text}`);
    }
    return criteria.length > 0 ? criteria.join(' and ') : 'nothing';
  });
  return parts.length === 1 ? parts[0]! : `${parts.length} targets: ${parts.join('; ')}`;
}

export function gitRepoRow(gitRepo: GitRepo): GitRepoRow {
  const spec = gitRepo.spec ?? { repo: '' };
  const status = gitRepo.status;
  return {
    ...base(gitRepo),
    ...withReasons(gitRepoState(gitRepo), () => gitRepoReasons(gitRepo)),
    repo: spec.repo ?? '',
    branch: spec.branch || undefined,
    revision: spec.revision || undefined,
    commit: status?.commit || undefined,
    paused: spec.paused === true,
    pollingDisabled: spec.disablePolling === true,
    targets: describeTargets(spec.targets),
    clustersReady: { ready: status?.readyClusters ?? 0, desired: status?.desiredReadyClusters ?? 0 },
    bundleDeploymentsReady: { ready: status?.summary?.ready ?? 0, desired: status?.summary?.desiredReady ?? 0 },
    resources: resourceCounts(status?.resourceCounts),
  };
}

export function clusterRow(cluster: Cluster): ClusterRow {
  const status = cluster.status;
  return {
    ...base(cluster),
    ...withReasons(clusterState(cluster), () => clusterReasons(cluster)),
    displayName: cluster.metadata.labels?.[CLUSTER_DISPLAY_NAME_LABEL] || cluster.metadata.name,
    paused: cluster.spec?.paused === true,
    reposReady: { ready: status?.readyGitRepos ?? 0, desired: status?.desiredReadyGitRepos ?? 0 },
    bundlesReady: status?.summary
      ? { ready: status.summary.ready ?? 0, desired: status.summary.desiredReady ?? 0 }
      : parseReadyFraction(status?.display?.readyBundles),
    resources: resourceCounts(status?.resourceCounts),
    lastSeen: status?.agent?.lastSeen || undefined,
  };
}

export function clusterGroupRow(group: ClusterGroup): ClusterGroupRow {
  const status = group.status;
  return {
    ...base(group),
    ...withReasons(clusterGroupState(group), () => clusterGroupReasons(group)),
    selector: describeSelector(group.spec?.selector as LabelSelector | null | undefined),
    clusterCount: status?.clusterCount ?? 0,
    nonReadyClusterCount: status?.nonReadyClusterCount ?? 0,
    nonReadyClusters: status?.nonReadyClusters ?? [],
    bundlesReady: { ready: status?.summary?.ready ?? 0, desired: status?.summary?.desiredReady ?? 0 },
    resources: resourceCounts(status?.resourceCounts),
  };
}

export function bundleRow(bundle: Bundle): BundleRow {
  const status = bundle.status;
  const labels = bundle.metadata.labels ?? {};
  return {
    ...base(bundle),
    ...withReasons(bundleState(bundle), () => bundleReasons(bundle)),
    repo: labels[REPO_LABEL] || undefined,
    commit: labels[COMMIT_LABEL] || undefined,
    paused: bundle.spec?.paused === true,
    clustersReady: { ready: status?.summary?.ready ?? 0, desired: status?.summary?.desiredReady ?? 0 },
    resourceCount: bundle.spec?.resources?.length ?? 0,
  };
}
