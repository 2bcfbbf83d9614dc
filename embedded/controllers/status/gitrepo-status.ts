/**
 * GitRepo status (StatusBase, contract §1.1, §2.3–2.7): roll-up over every BundleDeployment
 * labelled with the repo (`fleet.cattle.io/repo-name` + `fleet.cattle.io/bundle-namespace`):
 * summary, ready/desired clusters, `display` (`GitUpdating` while the git job is not Current),
 * `resources[].perClusterState`, `resourceCounts`, `perClusterResourceCounts` and the Ready
 * condition — replaced by a failing Bundle's Ready=False so bundle errors surface on the repo.
 *
 * Only these fields are written (through the status subresource): the git controller's fields
 * (commit, gitJobStatus, observedGeneration, Accepted/GitPolling/Reconciling/Stalled…) are kept.
 */
import { REPO_LABEL } from '../../../lib/fleet/labels';
import { findCondition, gitRepoDisplay, rollUpBundleDeployments, setCondition, setReadyCondition } from '../../../lib/fleet/state';
import type { Bundle, BundleDeployment, Condition, GitRepo, GitRepoStatus } from '../../../lib/fleet/types';
import type { ChangeEvent } from '../../apiserver/object-store';
import { KeyDebouncer, rollupDelay } from '../debounce';
import { keyOf, repoKeyOfDeployment } from '../fleet-index';
import type { Controller } from '../runtime';
import type { StatusControllerOptions } from './bundle-status';
import { aggregateResources } from './resources';
import { writeStatusFields } from './write';

export const GITREPO_STATUS_CONTROLLER = 'fleet-gitrepo-status';

/**
 * The first of the repo's bundles (by name) whose own Ready condition is False although it has
 * no BundleDeployment to blame — a targeting or rendering error the GitRepo must show.
 */
export function failingBundleCondition(bundles: readonly Bundle[], errors: ReadonlyMap<string, string>): Condition | undefined {
  const sorted = [...bundles].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  for (const bundle of sorted) {
    const ready = findCondition(bundle.status?.conditions, 'Ready');
    if (ready?.status !== 'False') continue;
    if (errors.has(keyOf(bundle)) || (bundle.status?.summary?.desiredReady ?? 0) === 0) return ready;
  }
  return undefined;
}

/** The status fields this controller owns (pure). */
export function gitRepoStatusFields(
  gitRepo: GitRepo,
  deployments: readonly BundleDeployment[],
  failing: Condition | undefined,
  now: Date,
): Partial<GitRepoStatus> {
  const rollup = rollUpBundleDeployments(deployments);
  let conditions = setReadyCondition(gitRepo.status?.conditions, rollup.summary, 'Bundle', now);
  if (failing) {
    conditions = setCondition(conditions, { type: 'Ready', status: 'False', reason: failing.reason ?? '', message: failing.message ?? '' }, now);
  }
  return {
    readyClusters: rollup.readyClusters,
    desiredReadyClusters: rollup.desiredReadyClusters,
    summary: rollup.summary,
    display: gitRepoDisplay(rollup.display, gitRepo.status?.gitJobStatus),
    resources: aggregateResources(deployments),
    resourceCounts: rollup.resourceCounts,
    perClusterResourceCounts: rollup.perClusterResourceCounts,
    conditions,
  };
}

export function createGitRepoStatusController(options: StatusControllerOptions): Controller {
  const { context } = options;
  const { client, index } = context;
  const now = options.now ?? (() => new Date());
  const base = options.debounceMs ?? 500;
  const debouncer = new KeyDebouncer(base);
  const touch = (key: string | undefined): string[] =>
    key && debouncer.touch(key, rollupDelay(base, index.deploymentCountOfRepo(key))) ? [key] : [];

  return {
    name: GITREPO_STATUS_CONTROLLER,
    watches: {
      bundledeployments: (event: ChangeEvent) => touch(repoKeyOfDeployment(event.current.object)),
      bundles: (event: ChangeEvent) => {
        const bundle = event.current.object as Bundle;
        const repo = bundle.metadata.labels?.[REPO_LABEL];
        if (!repo) return [];
        const previous = event.previous?.object as Bundle | undefined;
        if (event.type === 'MODIFIED' && previous) {
          const ready = (b: Bundle) => JSON.stringify(findCondition(b.status?.conditions, 'Ready') ?? null);
          if (ready(previous) === ready(bundle) && previous.status?.summary?.desiredReady === bundle.status?.summary?.desiredReady) return [];
        }
        return touch(`${bundle.metadata.namespace ?? ''}/${repo}`);
      },
      gitrepos: (event: ChangeEvent) => {
        if (event.type === 'DELETED') return [];
        const repo = event.current.object as GitRepo;
        const previous = event.previous?.object as GitRepo | undefined;
        if (event.type === 'MODIFIED' && previous && previous.status?.gitJobStatus === repo.status?.gitJobStatus) return [];
        return touch(keyOf(repo));
      },
    },
    initialKeys: () => index.gitRepos.keys(),
    reconcile(key) {
      const wait = debouncer.wait(key);
      if (wait !== undefined) return { requeueAfterMs: wait };
      const gitRepo = index.gitRepos.get(key);
      if (!gitRepo || gitRepo.metadata.deletionTimestamp) return;
      const namespace = gitRepo.metadata.namespace ?? '';
      const bundles = index.bundlesIn(namespace).filter((bundle) => bundle.metadata.labels?.[REPO_LABEL] === gitRepo.metadata.name);
      const failing = failingBundleCondition(bundles, context.bundleErrors);
      const deployments = index.deploymentsOfRepo(key);
      writeStatusFields<GitRepo>(client, 'gitrepos', namespace, gitRepo.metadata.name, (current) =>
        gitRepoStatusFields(current, deployments, failing, now()),
      );
    },
  };
}
