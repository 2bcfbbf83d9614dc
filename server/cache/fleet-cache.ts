import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { BucketCounts, ListKind, ListQuery, Page, RowByKind, WorkspaceSummary } from '@/lib/api/schemas';
import { LIST_KINDS } from '@/lib/api/schemas';
import { REPO_LABEL } from '@/lib/fleet/labels';
import type { Bundle, Cluster, ClusterGroup, FleetWorkspace, GitRepo } from '@/lib/fleet/types';
import { matchesSelector, parseSelector, SelectorParseError, type Requirement } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import { BffError } from '@/server/http/errors';
import { bundleRow, clusterGroupRow, clusterRow, gitRepoRow } from '@/server/views/rows';

import { DeploymentIndex, type DeploymentOwner } from './deployment-index';
import { Informer, objectKey, type ListWatchSource } from './informer';
import { kubeListWatchSource, type ResourceRef } from './kube-source';
import { RowIndex, type SortValue } from './row-index';

export type ChangeType = 'upsert' | 'delete';
export type CachedKind = ListKind | 'workspaces';

/** What the SSE stream tells browsers: which object changed, not the object itself. */
export interface ChangeNotice {
  kind: CachedKind;
  workspace: string;
  name: string;
  type: ChangeType;
}

interface RowCommon {
  workspace: string;
  name: string;
  state: string;
  bucket: string;
  labels: Record<string, string>;
  createdAt?: string;
}

const BUCKET_ORDER: Record<string, number> = { error: 0, warning: 1, pending: 2, active: 3 };

const commonSortFields = {
  name: (row: RowCommon) => row.name,
  workspace: (row: RowCommon) => `${row.workspace}/${row.name}`,
  state: (row: RowCommon) => `${BUCKET_ORDER[row.bucket] ?? 9}:${row.state}`,
  age: (row: RowCommon) => (row.createdAt ? -Date.parse(row.createdAt) : undefined),
};

const ratio = (count: { ready: number; desired: number }): SortValue => (count.desired === 0 ? -1 : count.ready / count.desired);

interface KindSpec<K extends ListKind> {
  ref: ResourceRef;
  toRow(object: KubeObject): RowByKind[K];
  sortFields: Record<string, (row: RowByKind[K]) => SortValue | undefined>;
  /** Lower-case text that `q` searches, besides labels. */
  searchText(row: RowByKind[K]): string;
}

const FLEET = { group: 'fleet.cattle.io', version: 'v1alpha1' };

const KINDS: { [K in ListKind]: KindSpec<K> } = {
  gitrepos: {
    ref: { ...FLEET, plural: 'gitrepos' },
    toRow: (o) => gitRepoRow(o as GitRepo),
    sortFields: { ...commonSortFields, repo: (r) => r.repo, clustersReady: (r) => ratio(r.clustersReady) },
    searchText: (r) => `${r.name} ${r.repo} ${r.branch ?? ''}`.toLowerCase(),
  },
  clusters: {
    ref: { ...FLEET, plural: 'clusters' },
    toRow: (o) => clusterRow(o as Cluster),
    sortFields: {
      ...commonSortFields,
      name: (r) => r.displayName,
      bundlesReady: (r) => ratio(r.bundlesReady),
      reposReady: (r) => ratio(r.reposReady),
      lastSeen: (r) => (r.lastSeen ? Date.parse(r.lastSeen) : undefined),
    },
    searchText: (r) => `${r.name} ${r.displayName}`.toLowerCase(),
  },
  clustergroups: {
    ref: { ...FLEET, plural: 'clustergroups' },
    toRow: (o) => clusterGroupRow(o as ClusterGroup),
    sortFields: { ...commonSortFields, clusters: (r) => r.clusterCount },
    searchText: (r) => `${r.name} ${r.selector}`.toLowerCase(),
  },
  bundles: {
    ref: { ...FLEET, plural: 'bundles' },
    toRow: (o) => bundleRow(o as Bundle),
    sortFields: { ...commonSortFields, repo: (r) => r.repo, clustersReady: (r) => ratio(r.clustersReady) },
    searchText: (r) => `${r.name} ${r.repo ?? ''}`.toLowerCase(),
  },
};

const WORKSPACES_REF: ResourceRef = { group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' };

export type SourceFactory = <T extends KubeObject>(ref: ResourceRef) => ListWatchSource<T>;

/**
 * The BFF's view of the management cluster: one informer per Fleet kind, rows computed once per
 * change, and indexes so that a page, a count or a relation costs what it returns, not what the
 * cluster holds. One per process.
 */
export class FleetCache {
  private readonly informers = new Map<CachedKind, Informer<KubeObject>>();
  private readonly rows: { [K in ListKind]: RowIndex<RowByKind[K]> };
  private readonly bundlesByRepo = new Map<string, Set<string>>();
  private readonly listeners = new Set<(notice: ChangeNotice) => void>();
  private workspacesFromNamespaces = false;
  /** BundleDeployments by repo and cluster, for the matrix and drift views (synced on its own). */
  readonly deployments: DeploymentIndex;

  constructor(sources: SourceFactory) {
    this.deployments = new DeploymentIndex(sources({ ...FLEET, plural: 'bundledeployments' }), (owners) => this.notifyDeploymentOwners(owners));
    this.rows = {
      gitrepos: this.rowIndex('gitrepos'),
      clusters: this.rowIndex('clusters'),
      clustergroups: this.rowIndex('clustergroups'),
      bundles: this.rowIndex('bundles'),
    };
    for (const kind of LIST_KINDS) {
      const spec = KINDS[kind];
      const index = this.rows[kind] as unknown as RowIndex<RowCommon>;
      this.informers.set(
        kind,
        new Informer(sources(spec.ref), {
          upsert: (object) => {
            index.upsert(spec.toRow(object) as RowCommon);
            if (kind === 'bundles') this.indexBundle(object, true);
            this.notify({ kind, workspace: object.metadata.namespace ?? '', name: object.metadata.name, type: 'upsert' });
          },
          remove: (object) => {
            index.remove(objectKey(object));
            if (kind === 'bundles') this.indexBundle(object, false);
            this.notify({ kind, workspace: object.metadata.namespace ?? '', name: object.metadata.name, type: 'delete' });
          },
        }),
      );
    }
    this.informers.set(
      'workspaces',
      new Informer(sources(WORKSPACES_REF), {
        upsert: (object) => this.notify({ kind: 'workspaces', workspace: object.metadata.name, name: object.metadata.name, type: 'upsert' }),
        remove: (object) => this.notify({ kind: 'workspaces', workspace: object.metadata.name, name: object.metadata.name, type: 'delete' }),
      }, { onMissingResource: () => (this.workspacesFromNamespaces = true) }),
    );
  }

  private rowIndex<K extends ListKind>(kind: K): RowIndex<RowByKind[K]> {
    const spec = KINDS[kind];
    return new RowIndex<RowByKind[K]>({
      key: (row) => `${row.workspace}/${row.name}`,
      workspace: (row) => row.workspace,
      group: (row) => row.bucket,
      sortFields: spec.sortFields,
      searchText: (row) => searchBlob(spec, row),
    });
  }

  start(): void {
    for (const informer of this.informers.values()) informer.start();
    this.deployments.start();
  }

  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
    this.deployments.stop();
    this.listeners.clear();
  }

  get synced(): boolean {
    return [...this.informers.values()].every((informer) => informer.synced);
  }

  /** Connected to the cluster right now (all watches up). */
  get healthy(): boolean {
    return [...this.informers.values()].every((informer) => informer.healthy);
  }

  async waitForSync(timeoutMs: number): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const synced = Promise.all([...this.informers.values()].map((i) => i.waitForSync())).then(() => true as const);
    return Promise.race([synced, timeout]);
  }

  stats(): { kind: string; objects: number; restarts: number; relists: number; synced: boolean; healthy: boolean; lastError?: string }[] {
    return [...this.informers].map(([kind, informer]) => ({
      kind,
      objects: informer.objects.size,
      restarts: informer.restarts,
      relists: informer.relists,
      synced: informer.synced,
      healthy: informer.healthy,
      lastError: informer.lastError,
    }));
  }

  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(notice: ChangeNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  /**
   * A BundleDeployment changed: its GitRepo's and Cluster's pages (matrix, drift, the failing
   * clusters of the row) show it, so they get an `upsert` notice of their own even when their
   * objects stayed the same — one cluster going Modified often leaves the repo's rollup as it was.
   * Only objects the cache holds are announced: a repo already deleted is not "upserted" again
   * while its deployments are collected.
   */
  private notifyDeploymentOwners(owners: DeploymentOwner[]): void {
    for (const owner of owners) {
      if (this.row(owner.kind, owner.workspace, owner.name)) this.notify({ ...owner, type: 'upsert' });
    }
  }

  private indexBundle(bundle: KubeObject, present: boolean): void {
    const repo = bundle.metadata.labels?.[REPO_LABEL];
    if (!repo) return;
    const key = `${bundle.metadata.namespace}/${repo}`;
    let set = this.bundlesByRepo.get(key);
    if (present) {
      if (!set) this.bundlesByRepo.set(key, (set = new Set()));
      set.add(objectKey(bundle));
    } else {
      set?.delete(objectKey(bundle));
      if (set?.size === 0) this.bundlesByRepo.delete(key);
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  object<T extends KubeObject = KubeObject>(kind: ListKind, workspace: string, name: string): T | undefined {
    return this.informers.get(kind)?.objects.get(`${workspace}/${name}`) as T | undefined;
  }

  objects<T extends KubeObject = KubeObject>(kind: ListKind, workspace?: string): T[] {
    const all = [...(this.informers.get(kind)?.objects.values() ?? [])] as T[];
    return workspace === undefined ? all : all.filter((o) => o.metadata.namespace === workspace);
  }

  row<K extends ListKind>(kind: K, workspace: string, name: string): RowByKind[K] | undefined {
    return this.rows[kind].get(`${workspace}/${name}`);
  }

  bundlesOfRepo(workspace: string, repo: string): Bundle[] {
    const keys = this.bundlesByRepo.get(`${workspace}/${repo}`) ?? new Set<string>();
    const bundles = this.informers.get('bundles')!.objects;
    return [...keys].map((key) => bundles.get(key) as Bundle).filter(Boolean).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  /** `inWorkspace` narrows a list of every workspace to some of them (a signed-in person's, in team mode). */
  list<K extends ListKind>(kind: K, workspace: string | undefined, query: ListQuery, inWorkspace?: (workspace: string) => boolean): Page<RowByKind[K]> {
    const spec = KINDS[kind];
    // Own fields only: `in` would accept `__proto__`, `constructor` or `toString` and fail later with a 500.
    if (!Object.hasOwn(spec.sortFields, query.sort)) {
      throw new BffError('bad_request', `cannot sort ${kind} by "${query.sort}"; use one of ${Object.keys(spec.sortFields).join(', ')}`, 'sort');
    }
    const requirements = parseLabelQuery(query.label);
    const needle = query.q?.toLowerCase();
    const filters: ((row: RowByKind[K]) => boolean)[] = [];
    if (inWorkspace) filters.push((row) => inWorkspace(row.workspace));
    if (requirements.length > 0) filters.push((row) => matchesSelector(requirements, row.labels));
    const page = this.rows[kind].query({
      workspace,
      // The state is the index's group: its own sorted list, so the walk skips the other states.
      group: query.state,
      // Tested on the text the index keeps with each row, computed once per row version.
      text: needle || undefined,
      sort: query.sort,
      order: query.order,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
      filter: filters.length === 0 ? undefined : (row) => filters.every((f) => f(row)),
    });
    return { ...page, page: query.page, pageSize: query.pageSize };
  }

  workspaceNames(): string[] {
    const names = new Set<string>();
    if (!this.workspacesFromNamespaces) {
      for (const workspace of this.informers.get('workspaces')!.objects.values()) names.add(workspace.metadata.name);
    } else {
      for (const kind of LIST_KINDS) for (const object of this.informers.get(kind)!.objects.values()) names.add(object.metadata.namespace ?? '');
    }
    names.delete('');
    return [...names].sort(compareWorkspaces);
  }

  workspaceExists(name: string): boolean {
    return this.workspaceNames().includes(name);
  }

  workspaceObject(name: string): FleetWorkspace | undefined {
    return this.informers.get('workspaces')!.objects.get(`/${name}`) as FleetWorkspace | undefined;
  }

  counts(kind: ListKind, workspace?: string): BucketCounts {
    const groups = this.rows[kind].countsFor(workspace);
    return {
      total: this.rows[kind].totalIn(workspace),
      error: groups.error ?? 0,
      warning: groups.warning ?? 0,
      active: groups.active ?? 0,
      pending: groups.pending ?? 0,
    };
  }

  workspaceSummaries(): WorkspaceSummary[] {
    return this.workspaceNames().map((name) => ({
      name,
      createdAt: this.workspaceObject(name)?.metadata.creationTimestamp,
      gitrepos: this.counts('gitrepos', name),
      clusters: this.counts('clusters', name),
      clustergroups: this.counts('clustergroups', name),
      bundles: this.counts('bundles', name),
    }));
  }
}

/**
 * Lower-case text a search looks in (the kind's columns and every `key=value` label). The row
 * index computes it once per row version and keeps it with the row: a filtered page over 100,000
 * rows then costs one substring test each.
 */
function searchBlob<K extends ListKind>(spec: KindSpec<K>, row: RowByKind[K]): string {
  const labels = Object.entries(row.labels).map(([k, v]) => `${k}=${v}`).join('\n');
  return `${spec.searchText(row)}\n${labels.toLowerCase()}`;
}

/** fleet-local and fleet-default first, as Rancher lists them; the rest by name. */
function compareWorkspaces(a: string, b: string): number {
  const rank = (name: string) => (name === 'fleet-local' ? 0 : name === 'fleet-default' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function parseLabelQuery(label: string | undefined): Requirement[] {
  if (!label) return [];
  try {
    return parseSelector(label);
  } catch (error) {
    if (error instanceof SelectorParseError) throw new BffError('bad_request', `label: ${error.message}`, 'label');
    throw error;
  }
}

const GLOBAL_KEY = Symbol.for('fleet-deck.fleet-cache');

/** The process-wide cache, created and started on first use (kept across dev reloads). */
export function fleetCacheFor(config: KubeConfig): FleetCache {
  const holder = globalThis as unknown as Record<symbol, FleetCache | undefined>;
  let cache = holder[GLOBAL_KEY];
  if (!cache) {
    cache = new FleetCache((ref) => kubeListWatchSource(config, ref));
    cache.start();
    holder[GLOBAL_KEY] = cache;
  }
  return cache;
}
