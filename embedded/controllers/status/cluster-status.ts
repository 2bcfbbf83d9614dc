/**
 * Cluster status (contract §1.6, §2.3–2.5): a summary over every BundleDeployment in the
 * cluster's namespace (the `fleet-agent-<cluster>` bundle included, so one app shows `2/2`),
 * resource counts, ready/desired GitRepos and HelmOps, `display.readyBundles`/`state`
 * (`WaitCheckIn` until the agent's first heartbeat) and the Ready/Processed conditions.
 */
import {
  clusterDisplay,
  rollUpClusterBundleDeployments,
  setErrorCondition,
  setReadyCondition,
} from '../../../lib/fleet/state';
import type { BundleDeployment, Cluster, ClusterStatus } from '../../../lib/fleet/types';
import type { ChangeEvent } from '../../apiserver/object-store';
import { KeyDebouncer, loadDelay } from '../debounce';
import { clusterKeyOfDeployment, keyOf } from '../fleet-index';
import type { Controller } from '../runtime';
import type { StatusControllerOptions } from './bundle-status';
import { writeStatusFields } from './write';

export const CLUSTER_STATUS_CONTROLLER = 'fleet-cluster-status';

/** The status fields this controller owns (pure). */
export function clusterStatusFields(
  cluster: Cluster,
  deployments: readonly BundleDeployment[],
  gitRepoExists: (namespace: string, name: string) => boolean,
  now: Date,
): Partial<ClusterStatus> {
  const rollup = rollUpClusterBundleDeployments(deployments, (kind, namespace, name) =>
    kind === 'GitRepo' ? gitRepoExists(namespace, name) : true,
  );
  let conditions = setReadyCondition(cluster.status?.conditions, rollup.summary, 'Bundle', now);
  conditions = setErrorCondition(conditions, 'Processed', undefined, now);
  return {
    summary: rollup.summary,
    resourceCounts: rollup.resourceCounts,
    readyGitRepos: rollup.readyGitRepos,
    desiredReadyGitRepos: rollup.desiredReadyGitRepos,
    readyHelmOps: rollup.readyHelmOps,
    desiredReadyHelmOps: rollup.desiredReadyHelmOps,
    display: clusterDisplay(rollup.summary, cluster.status?.agent),
    conditions,
  };
}

export function createClusterStatusController(options: StatusControllerOptions): Controller {
  const { context } = options;
  const { client, index } = context;
  const now = options.now ?? (() => new Date());
  const base = options.debounceMs ?? 200;
  const debouncer = new KeyDebouncer(base);
  const touch = (key: string | undefined): string[] => (key && debouncer.touch(key, loadDelay(base, debouncer.pending)) ? [key] : []);

  const fromDeployment = (event: ChangeEvent): string[] => {
    const bd = event.current.object;
    return touch(index.clusterKeyForNamespace(bd.metadata.namespace ?? '') ?? clusterKeyOfDeployment(bd));
  };

  return {
    name: CLUSTER_STATUS_CONTROLLER,
    watches: {
      bundledeployments: fromDeployment,
      clusters: (event: ChangeEvent) => {
        if (event.type === 'DELETED') return [];
        const cluster = event.current.object as Cluster;
        const previous = event.previous?.object as Cluster | undefined;
        if (event.type === 'MODIFIED' && previous) {
          const checkedIn = (c: Cluster) => !!c.status?.agent?.lastSeen;
          if (previous.status?.namespace === cluster.status?.namespace && checkedIn(previous) === checkedIn(cluster)) return [];
        }
        return touch(keyOf(cluster));
      },
      gitrepos: (event: ChangeEvent) => {
        if (event.type === 'MODIFIED') return [];
        const keys = new Set<string>();
        for (const bd of index.deploymentsOfRepo(keyOf(event.current.object))) {
          const key = index.clusterKeyForNamespace(bd.metadata.namespace ?? '');
          if (key) keys.add(key);
        }
        return [...keys].filter((key) => debouncer.touch(key, loadDelay(base, debouncer.pending)));
      },
    },
    initialKeys: () => index.clusters.keys(),
    reconcile(key) {
      const wait = debouncer.wait(key);
      if (wait !== undefined) return { requeueAfterMs: wait };
      const cluster = index.clusters.get(key);
      if (!cluster || cluster.metadata.deletionTimestamp) return;
      const namespace = cluster.status?.namespace;
      const deployments = namespace ? index.deploymentsIn(namespace) : [];
      writeStatusFields<Cluster>(client, 'clusters', cluster.metadata.namespace, cluster.metadata.name, (current) =>
        clusterStatusFields(current, deployments, (ns, name) => index.gitRepos.has(`${ns}/${name}`), now()),
      );
    },
  };
}
