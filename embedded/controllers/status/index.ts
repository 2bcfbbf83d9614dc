import type { ControllerClient } from '../client';
import { FleetContext } from '../fleet-context';
import type { Controller } from '../runtime';
import { createBundleStatusController } from './bundle-status';
import { createClusterStatusController } from './cluster-status';
import { createClusterGroupStatusController } from './clustergroup-status';
import { createGitRepoStatusController } from './gitrepo-status';

export { BUNDLE_STATUS_CONTROLLER } from './bundle-status';
export { CLUSTER_STATUS_CONTROLLER } from './cluster-status';
export { CLUSTER_GROUP_STATUS_CONTROLLER } from './clustergroup-status';
export { GITREPO_STATUS_CONTROLLER } from './gitrepo-status';

export interface StatusControllersOptions {
  /** Shared with the bundle controller (targets for Pending counts). Created when absent. */
  context?: FleetContext;
  /**
   * Coalescing delay of each rollup: every change of a Bundle/Cluster/ClusterGroup/GitRepo's
   * inputs within this window is folded into one recomputation. Defaults: Bundle 200 ms,
   * Cluster 200 ms, ClusterGroup 200 ms, GitRepo 500 ms.
   */
  debounceMs?: Partial<Record<'bundle' | 'cluster' | 'clusterGroup' | 'gitRepo', number>>;
  now?: () => Date;
}

/**
 * The status rollup controllers: Bundle, Cluster, ClusterGroup, GitRepo. Share the `context` with
 * the bundle controller and `context.connect(manager)` (as `registerFleetControllers` does), so a
 * change of targets that creates no BundleDeployment (a Pending cluster) still reaches the Bundle.
 */
export function createStatusControllers(client: ControllerClient, options: StatusControllersOptions = {}): Controller[] {
  const context = options.context ?? new FleetContext(client);
  const debounce = options.debounceMs ?? {};
  return [
    createBundleStatusController({ context, debounceMs: debounce.bundle, now: options.now }),
    createClusterStatusController({ context, debounceMs: debounce.cluster, now: options.now }),
    createClusterGroupStatusController({ context, debounceMs: debounce.clusterGroup, now: options.now }),
    createGitRepoStatusController({ context, debounceMs: debounce.gitRepo, now: options.now }),
  ];
}
