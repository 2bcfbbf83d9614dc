import 'server-only';

import type { DriftPage, DriftRow, ListKind, MatrixCell, MatrixPage, MatrixQuery, MatrixRow, Page, RowByKind } from '@/lib/api/schemas';
import { driftEntries } from '@/lib/fleet/drift';
import { MAX_REASON_NAMES, namedCount, type NamedCount } from '@/lib/fleet/reasons';
import { stateBucket, stateRank } from '@/lib/fleet/state';
import type { Cluster, ClusterGroup } from '@/lib/fleet/types';
import { matchesLabelSelector, type LabelSelector } from '@/lib/k8s/label-selector';
import type { DeploymentEntry, DeploymentIndex } from '@/server/cache/deployment-index';
import type { FleetCache } from '@/server/cache/fleet-cache';
import { BffError } from '@/server/http/errors';

/**
 * The failure views of the BFF: the per-cluster status matrix (clusters × bundles) of a GitRepo or
 * ClusterGroup, and the drift of a GitRepo or Cluster — all from the cache's BundleDeployment
 * index, so a page costs the deployments of one object, not of the whole cluster.
 */

type ListRow = RowByKind[ListKind];

/** How long a request waits for the BundleDeployment index's first list. */
const INDEX_SYNC_WAIT_MS = 15_000;

export async function syncedDeployments(cache: FleetCache): Promise<DeploymentIndex> {
  if (!(await cache.deployments.waitForSync(INDEX_SYNC_WAIT_MS))) {
    throw new BffError('not_ready', 'Fleet Deck is still loading BundleDeployments from the cluster');
  }
  return cache.deployments;
}

function requireObject<T>(cache: FleetCache, kind: 'gitrepos' | 'clustergroups' | 'clusters', ws: string, name: string): T {
  if (!cache.workspaceExists(ws)) throw new BffError('not_found', `Workspace "${ws}" does not exist`, 'ws');
  const object = cache.object(kind, ws, name);
  const label = kind === 'gitrepos' ? 'GitRepo' : kind === 'clusters' ? 'Cluster' : 'ClusterGroup';
  if (!object) throw new BffError('not_found', `${label} "${name}" does not exist in workspace "${ws}"`, 'name');
  return object as T;
}

/** Agent bundles (`fleet-agent-<cluster>`) are one per cluster: as matrix columns they would be noise. */
function isAgentBundle(entry: DeploymentEntry): boolean {
  return !entry.repo && entry.bundle.startsWith('fleet-agent');
}

/** Code-point order: Kubernetes names are lowercase ASCII, where it equals the locale's and costs far less. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Worst first (Fleet's rank), then by name; unknown states (WaitCheckIn…) between NotReady and Ready. */
function sortRows(rows: readonly MatrixRow[]): MatrixRow[] {
  const rank = (state: string) => (state === 'Ready' ? 0 : stateRank(state) || 1.5);
  // Ranked once per row, not once per comparison: 10,000 rows take ~130,000 comparisons.
  const ranked = rows.map((row) => ({ row, rank: rank(row.state) }));
  ranked.sort((a, b) => b.rank - a.rank || compareNames(a.row.workspace, b.row.workspace) || compareNames(a.row.cluster, b.row.cluster));
  return ranked.map(({ row }) => row);
}

function countStates(rows: readonly MatrixRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

function worst(cells: Iterable<MatrixCell>): string {
  let state = '';
  for (const cell of cells) if (state === '' || stateRank(cell.state) > stateRank(state)) state = cell.state;
  return state;
}

function buildRow(workspace: string, cluster: string, entries: readonly DeploymentEntry[], fallbackState: string): MatrixRow {
  const cells: Record<string, MatrixCell> = {};
  for (const entry of entries) cells[entry.bundle] = { state: entry.state, bucket: entry.bucket, message: entry.message };
  const state = worst(Object.values(cells)) || fallbackState;
  return { workspace, cluster, state, bucket: stateBucket(state), cells };
}

/** Matrix rows in page order, with how many rows are in each state. */
interface SortedRows {
  rows: MatrixRow[];
  counts: Record<string, number>;
}

function pageRows({ rows, counts }: SortedRows, query: MatrixQuery, columns: (page: MatrixRow[]) => string[], bundleWorkspace: string): MatrixPage {
  const filtered = query.state ? rows.filter((row) => row.state === query.state) : rows;
  const start = (query.page - 1) * query.limit;
  const page = filtered.slice(start, start + query.limit);
  return { bundles: columns(page), bundleWorkspace, rows: page, total: filtered.length, page: query.page, limit: query.limit, counts };
}

function repoRows(index: DeploymentIndex, ws: string, name: string): SortedRows {
  const byCluster = new Map<string, DeploymentEntry[]>();
  for (const entry of index.ofRepo(ws, name)) {
    const id = `${entry.clusterWorkspace}/${entry.cluster}`;
    let list = byCluster.get(id);
    if (!list) byCluster.set(id, (list = []));
    list.push(entry);
  }
  const rows = sortRows([...byCluster.values()].map((entries) => buildRow(entries[0]!.clusterWorkspace, entries[0]!.cluster, entries, 'Ready')));
  return { rows, counts: countStates(rows) };
}

/**
 * A repo's sorted matrix rows, kept until one of its BundleDeployments changes: paging through
 * 10,000 clusters, or filtering them, then costs a slice or one pass instead of building and
 * sorting every row again. The few most recently viewed repos are kept.
 */
const MAX_CACHED_REPOS = 16;
const repoRowsCache = new WeakMap<DeploymentIndex, Map<string, SortedRows & { version: number }>>();

function cachedRepoRows(index: DeploymentIndex, ws: string, name: string): SortedRows {
  let cache = repoRowsCache.get(index);
  if (!cache) repoRowsCache.set(index, (cache = new Map()));
  const id = `${ws}/${name}`;
  const version = index.repoVersion(ws, name);
  const hit = cache.get(id);
  cache.delete(id);
  const current = hit?.version === version ? hit : { ...repoRows(index, ws, name), version };
  cache.set(id, current);
  if (cache.size > MAX_CACHED_REPOS) cache.delete(cache.keys().next().value!);
  return current;
}

/** Clusters × bundles of a GitRepo: one row per cluster that has any of its BundleDeployments. */
export async function gitRepoMatrix(cache: FleetCache, ws: string, name: string, query: MatrixQuery): Promise<MatrixPage> {
  requireObject(cache, 'gitrepos', ws, name);
  const index = await syncedDeployments(cache);
  const bundles = new Set(cache.bundlesOfRepo(ws, name).map((bundle) => bundle.metadata.name));
  return pageRows(cachedRepoRows(index, ws, name), query, (page) => {
    for (const row of page) for (const bundle of Object.keys(row.cells)) bundles.add(bundle);
    return [...bundles].sort();
  }, ws);
}

/** Member clusters of a group (same rule as its detail: a nil selector selects nothing). */
export function groupMembers(cache: FleetCache, group: ClusterGroup): Cluster[] {
  const ws = group.metadata.namespace ?? '';
  const selector = group.spec?.selector as LabelSelector | null | undefined;
  return cache.objects<Cluster>('clusters', ws).filter((cluster) => matchesLabelSelector(selector, cluster.metadata.labels, { nilMatches: 'nothing' }));
}

/** Clusters × bundles of a ClusterGroup: every member cluster, its state where nothing is deployed. */
export async function clusterGroupMatrix(cache: FleetCache, ws: string, name: string, query: MatrixQuery): Promise<MatrixPage> {
  const group = requireObject<ClusterGroup>(cache, 'clustergroups', ws, name);
  const index = await syncedDeployments(cache);
  const rows = groupMembers(cache, group).map((cluster) => {
    const entries = index.onCluster(ws, cluster.metadata.name).filter((entry) => !isAgentBundle(entry));
    return buildRow(ws, cluster.metadata.name, entries, cache.row('clusters', ws, cluster.metadata.name)?.state ?? 'Ready');
  });
  // Columns: the bundles of the rows shown (a group can receive bundles from many repos).
  return pageRows({ rows: sortRows(rows), counts: countStates(rows) }, query, (page) => [...new Set(page.flatMap((row) => Object.keys(row.cells)))].sort(), ws);
}

/** Clusters where a GitRepo is not Ready, named from its BundleDeployments (count + first names). */
export function failingClustersOfRepo(index: DeploymentIndex, ws: string, name: string): NamedCount | undefined {
  const failing = new Set<string>();
  for (const entry of index.ofRepo(ws, name)) if (entry.state !== 'Ready') failing.add(entry.clusterWorkspace === ws ? entry.cluster : `${entry.clusterWorkspace}/${entry.cluster}`);
  return namedCount([...failing].sort());
}

/**
 * Fleet's status counts a repo's failing clusters but names them only where their resource
 * counts say so (not for apply errors or clusters that never checked in); the BundleDeployment
 * index names them. Rows of a list page get those names; the cached rows are never changed.
 */
export function withFailingClusterNames<T extends ListRow>(kind: ListKind, page: Page<T>, index: DeploymentIndex): Page<T> {
  if (kind !== 'gitrepos' || !index.synced) return page;
  let changed = false;
  const items = page.items.map((row) => {
    const clusters = row.failing?.clusters;
    if (row.bucket === 'active' || !clusters || clusters.names.length >= Math.min(clusters.count, MAX_REASON_NAMES)) return row;
    const named = failingClustersOfRepo(index, row.workspace, row.name);
    if (!named || named.names.length <= clusters.names.length) return row;
    changed = true;
    return { ...row, failing: { ...row.failing, clusters: { count: Math.max(clusters.count, named.count), names: named.names } } };
  });
  return changed ? { ...page, items } : page;
}

function driftRows(entries: readonly DeploymentEntry[]): DriftRow[] {
  const rows: DriftRow[] = [];
  for (const entry of entries) {
    if (!entry.modifiedStatus) continue;
    for (const drift of driftEntries(entry.modifiedStatus)) {
      rows.push({ workspace: entry.clusterWorkspace, cluster: entry.cluster, bundle: entry.bundle, ...(entry.repo ? { repo: entry.repo } : {}), ...drift });
    }
  }
  return rows.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.bundle.localeCompare(b.bundle) || a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function driftPage(rows: DriftRow[], query: { page: number; limit: number }): DriftPage {
  const start = (query.page - 1) * query.limit;
  return { items: rows.slice(start, start + query.limit), total: rows.length, page: query.page, limit: query.limit, clusters: new Set(rows.map((row) => `${row.workspace}/${row.cluster}`)).size };
}

/** Every drifted resource of a GitRepo across its clusters, by cluster, bundle and resource. */
export async function gitRepoDrift(cache: FleetCache, ws: string, name: string, query: { page: number; limit: number }): Promise<DriftPage> {
  requireObject(cache, 'gitrepos', ws, name);
  const index = await syncedDeployments(cache);
  return driftPage(driftRows(index.ofRepo(ws, name)), query);
}

/** Every drifted resource on one cluster. */
export async function clusterDrift(cache: FleetCache, ws: string, name: string, query: { page: number; limit: number }): Promise<DriftPage> {
  requireObject(cache, 'clusters', ws, name);
  const index = await syncedDeployments(cache);
  return driftPage(driftRows(index.onCluster(ws, name)), query);
}
