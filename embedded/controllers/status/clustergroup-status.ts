/**
 * ClusterGroup status (contract §1.7, §2.4): member count, non-ready members (≤ 10 named), the
 * sum of the members' summaries and resource counts, `display.readyClusters`/`readyBundles`/
 * `state`, and the Ready/Processed conditions.
 */
import { rollUpClusterGroup, setErrorCondition, setReadyCondition } from '../../../lib/fleet/state';
import type { Cluster, ClusterGroup, ClusterGroupStatus } from '../../../lib/fleet/types';
import { labelSelectorToRequirements, matchesLabelSelector, matchesSelector, type Requirement } from '../../../lib/k8s/label-selector';
import { canonicalJson } from '../../apiserver/registry';
import type { ChangeEvent } from '../../apiserver/object-store';
import { KeyDebouncer, rollupDelay } from '../debounce';
import { keyOf } from '../fleet-index';
import type { Controller } from '../runtime';
import type { StatusControllerOptions } from './bundle-status';
import { writeStatusFields } from './write';

export const CLUSTER_GROUP_STATUS_CONTROLLER = 'fleet-clustergroup-status';

/** The members of a group among `clusters` (pure; nil selector ⇒ none, `{}` ⇒ all). */
export function groupMembers(group: ClusterGroup, clusters: readonly Cluster[]): Cluster[] {
  const selector = group.spec?.selector;
  if (!selector) return [];
  let requirements: Requirement[];
  try {
    requirements = labelSelectorToRequirements(selector);
  } catch {
    return [];
  }
  return clusters.filter((cluster) => cluster.metadata.namespace === group.metadata.namespace && matchesSelector(requirements, cluster.metadata.labels));
}

/** The status fields this controller owns (pure). */
export function clusterGroupStatusFields(group: ClusterGroup, members: readonly Cluster[], now: Date): Partial<ClusterGroupStatus> {
  const rollup = rollUpClusterGroup(members);
  let conditions = setReadyCondition(group.status?.conditions, rollup.summary, 'Bundle', now);
  conditions = setErrorCondition(conditions, 'Processed', undefined, now);
  return {
    clusterCount: rollup.clusterCount,
    nonReadyClusterCount: rollup.nonReadyClusterCount,
    nonReadyClusters: rollup.nonReadyClusters.length > 0 ? rollup.nonReadyClusters : undefined,
    summary: rollup.summary,
    display: rollup.display,
    resourceCounts: rollup.resourceCounts,
    conditions,
  };
}

export function createClusterGroupStatusController(options: StatusControllerOptions): Controller {
  const { context } = options;
  const { client, index } = context;
  const now = options.now ?? (() => new Date());
  const base = options.debounceMs ?? 200;
  const debouncer = new KeyDebouncer(base);
  const delay = (group: ClusterGroup) => rollupDelay(base, group.status?.clusterCount ?? 0);

  const groupsFor = (cluster: Cluster, previous: Cluster | undefined): string[] => {
    const out: string[] = [];
    for (const group of index.groupsIn(cluster.metadata.namespace ?? '')) {
      const selector = group.spec?.selector;
      const matches = (c: Cluster | undefined) => !!c && matchesLabelSelector(selector, c.metadata.labels, { nilMatches: 'nothing' });
      if (matches(cluster) || matches(previous)) {
        const key = keyOf(group);
        if (debouncer.touch(key, delay(group))) out.push(key);
      }
    }
    return out;
  };

  return {
    name: CLUSTER_GROUP_STATUS_CONTROLLER,
    watches: {
      clusters: (event: ChangeEvent) => {
        const cluster = event.current.object as Cluster;
        const previous = event.previous?.object as Cluster | undefined;
        if (event.type === 'MODIFIED' && previous) {
          const relevant = (c: Cluster) => canonicalJson([c.metadata.labels, c.status?.summary, c.status?.resourceCounts]);
          if (relevant(previous) === relevant(cluster)) return [];
        }
        return groupsFor(cluster, previous);
      },
      clustergroups: (event: ChangeEvent) => {
        if (event.type === 'DELETED') return [];
        const previous = event.previous?.object;
        if (event.type === 'MODIFIED' && previous?.metadata.generation === event.current.object.metadata.generation) return [];
        const key = keyOf(event.current.object);
        return debouncer.touch(key, delay(event.current.object as ClusterGroup)) ? [key] : [];
      },
    },
    initialKeys: () => index.groups.keys(),
    reconcile(key) {
      const wait = debouncer.wait(key);
      if (wait !== undefined) return { requeueAfterMs: wait };
      const group = index.groups.get(key);
      if (!group || group.metadata.deletionTimestamp) return;
      const members = groupMembers(group, index.clustersIn(group.metadata.namespace ?? ''));
      writeStatusFields<ClusterGroup>(client, 'clustergroups', group.metadata.namespace, group.metadata.name, (current) =>
        clusterGroupStatusFields(current, members, now()),
      );
    },
  };
}
