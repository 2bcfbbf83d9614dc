import 'server-only';

import type { TargetPreview, TargetPreviewBody } from '@/lib/api/schemas';
import { createBundleMatcher, defaultTargets } from '@/lib/fleet/targeting';
import type { Cluster, ClusterGroup } from '@/lib/fleet/types';
import { labelSelectorToRequirements, matchesSelector, type LabelSelector, type Requirement } from '@/lib/k8s/label-selector';
import type { FleetCache } from '@/server/cache/fleet-cache';

/**
 * Which of a workspace's clusters a GitRepo's targets, or a ClusterGroup's selector, would select
 * — computed over the cache with Fleet's own matching rules, before anything is saved.
 */
export function previewTargets(cache: FleetCache, workspace: string, body: TargetPreviewBody, limit: number): TargetPreview {
  const clusters = cache.objects<Cluster>('clusters', workspace);
  const selectorMode = Object.prototype.hasOwnProperty.call(body, 'selector') && body.selector !== undefined;
  const defaultTarget = !selectorMode && (body.targets ?? []).length === 0;
  const matches = selectorMode ? selectorMatcher(body.selector as LabelSelector | null) : targetsMatcher(cache, workspace, defaultTarget ? defaultTargets() : body.targets!);
  const names = clusters.filter(matches).map((cluster) => cluster.metadata.name).sort();
  return { total: names.length, matched: names.slice(0, limit), clusterCount: clusters.length, defaultTarget };
}

/** A ClusterGroup's rule: nil selects nothing, `{}` everything. */
function selectorMatcher(selector: LabelSelector | null): (cluster: Cluster) => boolean {
  if (!selector) return () => false;
  const requirements = labelSelectorToRequirements(selector);
  return (cluster) => matchesSelector(requirements, cluster.metadata.labels);
}

/**
 * A GitRepo's rule: a cluster is selected when any target matches it (the targets are also the
 * Bundle's restrictions, so nothing else narrows them). Group membership is computed once per
 * cluster from selectors compiled once.
 */
function targetsMatcher(cache: FleetCache, workspace: string, targets: NonNullable<TargetPreviewBody['targets']>): (cluster: Cluster) => boolean {
  const matcher = createBundleMatcher({ targets });
  const groups = cache.objects<ClusterGroup>('clustergroups', workspace).map((group) => ({ group, requirements: compile(group.spec?.selector as LabelSelector | null | undefined) }));
  const usesGroups = targets.some((target) => target.clusterGroup || target.clusterGroupSelector);
  return (cluster) => {
    const memberOf = usesGroups
      ? groups.filter(({ requirements }) => requirements !== null && matchesSelector(requirements, cluster.metadata.labels)).map(({ group }) => group)
      : [];
    return matcher.match(cluster, memberOf) !== undefined;
  };
}

/** nil (and an unconvertible selector) → null: matches no cluster. */
function compile(selector: LabelSelector | null | undefined): Requirement[] | null {
  if (!selector) return null;
  try {
    return labelSelectorToRequirements(selector);
  } catch {
    return null;
  }
}
