import 'server-only';

import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import { bundleDeploymentMessage, bundleDeploymentState, stateBucket, type StateBucket } from '@/lib/fleet/state';
import type { BundleDeployment, ModifiedStatus } from '@/lib/fleet/types';

import { Informer, objectKey, type ListWatchSource } from './informer';

/**
 * BundleDeployments, indexed by GitRepo and by cluster, for the per-cluster matrix and the drift
 * views: a request costs the deployments of one repo or cluster, never a scan of all of them.
 * Only what those views need is kept of each object (state, message, drift), so 10,000 clusters
 * × a few bundles stay small.
 */

export interface DeploymentEntry {
  key: string;
  bundle: string;
  bundleWorkspace: string;
  repo?: string;
  clusterWorkspace: string;
  cluster: string;
  state: string;
  bucket: StateBucket;
  /** Why it is not Ready; empty when Ready. */
  message: string;
  modifiedStatus?: ModifiedStatus[];
}

const KEPT_LABELS = [BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL];

/** The fields of a BundleDeployment the index reads; the rest (options, resources) is dropped on arrival. */
export function compactBundleDeployment(object: BundleDeployment): BundleDeployment {
  const labels: Record<string, string> = {};
  for (const key of KEPT_LABELS) {
    const value = object.metadata.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }
  const status = object.status;
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata.name, namespace: object.metadata.namespace, resourceVersion: object.metadata.resourceVersion, uid: object.metadata.uid, labels },
    spec: { deploymentID: object.spec?.deploymentID, stagedDeploymentID: object.spec?.stagedDeploymentID },
    status: status
      ? {
          appliedDeploymentID: status.appliedDeploymentID,
          ready: status.ready,
          nonModified: status.nonModified,
          display: status.display,
          conditions: status.conditions,
          modifiedStatus: status.modifiedStatus,
        }
      : undefined,
  } as BundleDeployment;
}

function compactingSource(source: ListWatchSource<BundleDeployment>): ListWatchSource<BundleDeployment> {
  return {
    description: source.description,
    async listPage(continueToken, limit) {
      const page = await source.listPage(continueToken, limit);
      return { ...page, items: page.items.map(compactBundleDeployment) };
    },
    watch(resourceVersion, onEvent, done) {
      return source.watch(
        resourceVersion,
        (type, object) => onEvent(type, type === 'ERROR' || type === 'BOOKMARK' ? object : compactBundleDeployment(object as BundleDeployment)),
        done,
      );
    },
  };
}

/** The state Fleet shows for a BundleDeployment (its `display.state`, else computed alike) and why. */
export function deploymentEntry(bd: BundleDeployment): DeploymentEntry | undefined {
  const labels = bd.metadata.labels ?? {};
  const bundle = labels[BUNDLE_LABEL];
  const cluster = labels[CLUSTER_LABEL];
  if (!bundle || !cluster) return undefined;
  const state = bd.status?.display?.state || bundleDeploymentState(bd);
  const modified = bd.status?.modifiedStatus;
  return {
    key: objectKey(bd),
    bundle,
    bundleWorkspace: labels[BUNDLE_NAMESPACE_LABEL] ?? '',
    ...(labels[REPO_LABEL] ? { repo: labels[REPO_LABEL] } : {}),
    clusterWorkspace: labels[CLUSTER_NAMESPACE_LABEL] ?? '',
    cluster,
    state,
    bucket: stateBucket(state),
    message: state === 'Ready' ? '' : bundleDeploymentMessage(bd),
    ...(modified && modified.length > 0 ? { modifiedStatus: modified } : {}),
  };
}

/** An object whose views (matrix, drift, failing-clusters line) are built from BundleDeployments. */
export interface DeploymentOwner {
  kind: 'gitrepos' | 'clusters';
  workspace: string;
  name: string;
}

/** What the matrix and drift views show of a deployment; a change elsewhere (resourceVersion, options) changes nothing on a page. */
function shownPart(entry: DeploymentEntry): string {
  return JSON.stringify([entry.bundle, entry.bundleWorkspace, entry.repo, entry.clusterWorkspace, entry.cluster, entry.state, entry.message, entry.modifiedStatus]);
}

/**
 * The GitRepo and Cluster whose pages show a BundleDeployment that went from `before` to `after`
 * (either undefined for an add or a removal): both owners of both versions, each once, and none
 * when nothing shown changed (a relist, a status write that only moved a timestamp).
 */
export function deploymentOwners(before: DeploymentEntry | undefined, after: DeploymentEntry | undefined): DeploymentOwner[] {
  if (before && after && shownPart(before) === shownPart(after)) return [];
  const owners = new Map<string, DeploymentOwner>();
  const add = (owner: DeploymentOwner) => owners.set(`${owner.kind}\u0000${owner.workspace}\u0000${owner.name}`, owner);
  for (const entry of [before, after]) {
    if (!entry) continue;
    if (entry.repo) add({ kind: 'gitrepos', workspace: entry.bundleWorkspace, name: entry.repo });
    add({ kind: 'clusters', workspace: entry.clusterWorkspace, name: entry.cluster });
  }
  return [...owners.values()];
}

export class DeploymentIndex {
  private readonly informer: Informer<BundleDeployment>;
  private readonly entries = new Map<string, DeploymentEntry>();
  private readonly byRepo = new Map<string, Set<string>>();
  private readonly byCluster = new Map<string, Set<string>>();
  /** Per `<workspace>/<repo>`: bumped by every change to one of its BundleDeployments. */
  private readonly repoVersions = new Map<string, number>();

  /**
   * @param onOwnersChanged told which GitRepos and Clusters show a deployment that changed, so the
   * live stream can refresh their pages even when their own objects stay the same.
   */
  constructor(source: ListWatchSource<BundleDeployment>, onOwnersChanged?: (owners: DeploymentOwner[]) => void) {
    const changed = (before: DeploymentEntry | undefined, after: DeploymentEntry | undefined) => {
      if (!onOwnersChanged) return;
      const owners = deploymentOwners(before, after);
      if (owners.length > 0) onOwnersChanged(owners);
    };
    this.informer = new Informer(compactingSource(source), {
      upsert: (object) => {
        const key = objectKey(object);
        const before = this.entries.get(key);
        this.remove(key);
        const entry = deploymentEntry(object);
        if (entry) this.add(entry);
        changed(before, entry);
      },
      remove: (object) => {
        const key = objectKey(object);
        const before = this.entries.get(key);
        this.remove(key);
        changed(before, undefined);
      },
    });
  }

  start(): void {
    this.informer.start();
  }

  stop(): void {
    this.informer.stop();
  }

  get synced(): boolean {
    return this.informer.synced;
  }

  /** Waits for the first list; false after `timeoutMs`. */
  async waitForSync(timeoutMs: number): Promise<boolean> {
    if (this.informer.synced) return true;
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([this.informer.waitForSync().then(() => true as const), timeout]);
  }

  get size(): number {
    return this.entries.size;
  }

  /** BundleDeployments of a GitRepo (by `repo-name` and `bundle-namespace` labels). */
  ofRepo(workspace: string, repo: string): DeploymentEntry[] {
    return this.resolve(this.byRepo.get(`${workspace}/${repo}`));
  }

  /**
   * A number that changes whenever one of the repo's BundleDeployments is added, changed or
   * removed: views computed from {@link ofRepo} can be cached under it.
   */
  repoVersion(workspace: string, repo: string): number {
    return this.repoVersions.get(`${workspace}/${repo}`) ?? 0;
  }

  /** BundleDeployments on a cluster (by `cluster-namespace` and `cluster-name` labels). */
  onCluster(workspace: string, cluster: string): DeploymentEntry[] {
    return this.resolve(this.byCluster.get(`${workspace}/${cluster}`));
  }

  private resolve(keys: Set<string> | undefined): DeploymentEntry[] {
    if (!keys) return [];
    const out: DeploymentEntry[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry) out.push(entry);
    }
    return out;
  }

  private add(entry: DeploymentEntry): void {
    this.entries.set(entry.key, entry);
    if (entry.repo) {
      const id = `${entry.bundleWorkspace}/${entry.repo}`;
      addTo(this.byRepo, id, entry.key);
      this.bump(id);
    }
    addTo(this.byCluster, `${entry.clusterWorkspace}/${entry.cluster}`, entry.key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.repo) {
      const id = `${entry.bundleWorkspace}/${entry.repo}`;
      removeFrom(this.byRepo, id, key);
      this.bump(id);
    }
    removeFrom(this.byCluster, `${entry.clusterWorkspace}/${entry.cluster}`, key);
  }

  /** Versions of deleted repos stay (a number per repo ever seen), so a cache never sees a version twice. */
  private bump(id: string): void {
    this.repoVersions.set(id, (this.repoVersions.get(id) ?? 0) + 1);
  }
}

function addTo(index: Map<string, Set<string>>, id: string, key: string): void {
  let set = index.get(id);
  if (!set) index.set(id, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, id: string, key: string): void {
  const set = index.get(id);
  set?.delete(key);
  if (set?.size === 0) index.delete(id);
}
