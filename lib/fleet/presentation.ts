import { findCondition, stateBucket, type StateBucket } from './state';
import type { Bundle, Cluster, ClusterGroup, Condition, GitRepo } from './types';

export type Bucket = StateBucket;

/** The state a page shows for an object, and why — derived only from what Fleet wrote. */
export interface ObjectState {
  state: string;
  bucket: Bucket;
  message: string;
}

function conditionIs(conditions: readonly Condition[] | undefined, type: string, status: string): Condition | undefined {
  const condition = findCondition(conditions, type);
  return condition?.status === status ? condition : undefined;
}

function fromDisplay(state: string | undefined, message: string): ObjectState {
  const shown = state || 'Ready';
  return { state: shown, bucket: stateBucket(shown), message: shown === 'Ready' ? '' : message };
}

/**
 * A GitRepo's state. Fleet's `display.state` comes first, except that a failed git job or a
 * refused repo is shown as `Error` with git's message — in Fleet's own display it would sit in
 * `GitUpdating` with no reason, the most reported confusion in Rancher's UI.
 */
export function gitRepoState(gitRepo: GitRepo): ObjectState {
  const status = gitRepo.status;
  if (!status) return { state: 'Pending', bucket: 'pending', message: 'Waiting for Fleet to process this repository' };
  const conditions = status.conditions;
  const failure =
    conditionIs(conditions, 'Stalled', 'True') ??
    conditionIs(conditions, 'Accepted', 'False') ??
    (status.gitJobStatus === 'Failed' ? conditionIs(conditions, 'Ready', 'False') : undefined) ??
    conditionIs(conditions, 'GitPolling', 'False');
  if (failure) return { state: 'Error', bucket: 'error', message: failure.message ?? '' };
  const ready = findCondition(conditions, 'Ready');
  const message = status.display?.message || (ready?.status === 'False' ? (ready.message ?? '') : '');
  const shown = fromDisplay(status.display?.state, message);
  // Fleet calls a repo that deploys nowhere Ready; it is never plain healthy here.
  if (shown.state === 'Ready' && targetsNoCluster(gitRepo)) {
    return { state: NO_TARGETS, bucket: 'warning', message: 'Deploys to no cluster: no cluster matches its targets, or the repository has nothing to deploy' };
  }
  return shown;
}

/** The state of a GitRepo whose bundles go to no cluster. */
export const NO_TARGETS = 'NoTargets';

/** The git job has run (a commit is known or the job is Current) and no BundleDeployment exists. */
export function targetsNoCluster(gitRepo: GitRepo): boolean {
  const status = gitRepo.status;
  if (!status) return false;
  const fetched = Boolean(status.commit) || status.gitJobStatus === 'Current';
  return fetched && (status.desiredReadyClusters ?? 0) === 0 && (status.summary?.desiredReady ?? 0) === 0;
}

export function clusterState(cluster: Cluster): ObjectState {
  const status = cluster.status;
  if (!status) return { state: 'WaitCheckIn', bucket: stateBucket('WaitCheckIn'), message: 'The cluster agent has not checked in yet' };
  const ready = findCondition(status.conditions, 'Ready');
  const firstNonReady = status.summary?.nonReadyResources?.[0];
  const message =
    (ready?.status === 'False' ? ready.message : undefined) ||
    (firstNonReady ? `${firstNonReady.name}: ${firstNonReady.message || firstNonReady.bundleState}` : '');
  if (status.display?.state === 'WaitCheckIn') {
    return { state: 'WaitCheckIn', bucket: stateBucket('WaitCheckIn'), message: 'The cluster agent has not checked in yet' };
  }
  return fromDisplay(status.display?.state, message ?? '');
}

export function clusterGroupState(group: ClusterGroup): ObjectState {
  const status = group.status;
  if (!status) return { state: 'Pending', bucket: 'pending', message: 'Waiting for Fleet to process this group' };
  const ready = findCondition(status.conditions, 'Ready');
  return fromDisplay(status.display?.state, ready?.status === 'False' ? (ready.message ?? '') : '');
}

/** A Bundle whose Ready condition failed without any deployment (bad targets, templating) is an error. */
export function bundleState(bundle: Bundle): ObjectState {
  const status = bundle.status;
  if (!status) return { state: 'Pending', bucket: 'pending', message: 'Waiting for Fleet to process this bundle' };
  const ready = findCondition(status.conditions, 'Ready');
  const message = ready?.status === 'False' ? (ready.message ?? '') : '';
  if (!status.display?.state && ready?.status === 'False' && (status.summary?.desiredReady ?? 0) === 0) {
    return { state: 'Error', bucket: 'error', message };
  }
  return fromDisplay(status.display?.state, message);
}

/** "3/5" → { ready: 3, desired: 5 }; anything else → zeros. */
export function parseReadyFraction(text: string | undefined): { ready: number; desired: number } {
  const match = /^(\d+)\/(\d+)/.exec(text ?? '');
  return match ? { ready: Number(match[1]), desired: Number(match[2]) } : { ready: 0, desired: 0 };
}
