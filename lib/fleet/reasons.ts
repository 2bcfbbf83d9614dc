/**
 * Why an object is not Ready, in the few facts a person needs at a glance: the failing condition,
 * and which bundles and which clusters are failing (how many, and the first few names). Computed
 * only from what Fleet wrote in the object's status, so the BFF (list rows, details) and the
 * browser agree. Pure functions.
 */
import { findCondition } from './state';
import type { BundleSummary, Condition, ResourceCounts } from './types';

/** How many names a reason lists before "and N more". */
export const MAX_REASON_NAMES = 5;

export interface NamedCount {
  /** How many are failing (may exceed `names.length`). */
  count: number;
  /** The first of them, by name; cluster names without their workspace. */
  names: string[];
}

export interface FailingCondition {
  type: string;
  reason?: string;
  message: string;
}

export interface FailureReasons {
  /** The condition that explains the state (Stalled, Accepted=False, GitPolling=False, Ready=False). */
  condition?: FailingCondition;
  bundles?: NamedCount;
  clusters?: NamedCount;
}

/** The conditions that, when bad, explain a state — most specific first. */
const BAD_CONDITIONS: readonly [type: string, badStatus: string][] = [
  ['Stalled', 'True'],
  ['Accepted', 'False'],
  ['GitPolling', 'False'],
  ['Ready', 'False'],
];

/** The first condition in a bad status that carries a message. */
export function failingCondition(conditions: readonly Condition[] | undefined): FailingCondition | undefined {
  for (const [type, bad] of BAD_CONDITIONS) {
    const condition = findCondition(conditions, type);
    if (condition?.status === bad && condition.message) {
      return { type, message: condition.message, ...(condition.reason ? { reason: condition.reason } : {}) };
    }
  }
  return undefined;
}

/** Names in order of first appearance, duplicates and empty names dropped, cut to {@link MAX_REASON_NAMES}. */
export function namedCount(names: Iterable<string>, count?: number): NamedCount | undefined {
  const unique = [...new Set([...names].filter(Boolean))];
  const total = Math.max(count ?? 0, unique.length);
  if (total === 0) return undefined;
  return { count: total, names: unique.slice(0, MAX_REASON_NAMES) };
}

/** `"<workspace>/<cluster>"` → `"<cluster>"` when the workspace is the object's own. */
export function clusterNameOf(id: string, workspace: string): string {
  const slash = id.indexOf('/');
  if (slash === -1) return id;
  return id.slice(0, slash) === workspace ? id.slice(slash + 1) : id;
}

const NON_READY_COUNTERS = ['notReady', 'waitApplied', 'errApplied', 'outOfSync', 'modified', 'pending'] as const;

/** BundleDeployments not Ready per a summary's counters. */
export function nonReadyCount(summary: BundleSummary | undefined): number {
  return NON_READY_COUNTERS.reduce((sum, key) => sum + (summary?.[key] ?? 0), 0);
}

function countsReady(counts: Partial<ResourceCounts> | undefined): boolean {
  if (!counts) return true;
  const notReady = (counts.notReady ?? 0) + (counts.modified ?? 0) + (counts.missing ?? 0) + (counts.orphaned ?? 0) + (counts.waitApplied ?? 0) + (counts.unknown ?? 0);
  return notReady === 0 && (counts.ready ?? 0) >= (counts.desiredReady ?? 0);
}

function sortedNames(names: string[]): string[] {
  return [...names].sort((a, b) => a.localeCompare(b));
}

interface GitRepoLike {
  metadata: { namespace?: string };
  status?: {
    conditions?: Condition[];
    summary?: BundleSummary;
    readyClusters?: number;
    desiredReadyClusters?: number;
    perClusterResourceCounts?: Record<string, Partial<ResourceCounts>>;
  };
}

/**
 * A GitRepo's failing bundles come from `summary.nonReadyResources` (named after the bundles),
 * its failing clusters from `readyClusters`/`desiredReadyClusters` (the count) and
 * `perClusterResourceCounts` (names of clusters whose resources are not all ready).
 */
export function gitRepoReasons(gitRepo: GitRepoLike): FailureReasons {
  const status = gitRepo.status;
  const workspace = gitRepo.metadata.namespace ?? '';
  const reasons: FailureReasons = {};
  const condition = failingCondition(status?.conditions);
  if (condition) reasons.condition = condition;
  const bundles = namedCount((status?.summary?.nonReadyResources ?? []).map((r) => r.name ?? ''));
  if (bundles) reasons.bundles = bundles;
  const failingClusters = Math.max(0, (status?.desiredReadyClusters ?? 0) - (status?.readyClusters ?? 0));
  const names = sortedNames(
    Object.entries(status?.perClusterResourceCounts ?? {})
      .filter(([, counts]) => !countsReady(counts))
      .map(([id]) => clusterNameOf(id, workspace)),
  );
  const clusters = failingClusters > 0 ? namedCount(names, failingClusters) : undefined;
  if (clusters) reasons.clusters = clusters;
  return reasons;
}

/** A Bundle's `summary.nonReadyResources` are named `<clusterNamespace>/<cluster>`. */
export function bundleReasons(bundle: { metadata: { namespace?: string }; status?: { conditions?: Condition[]; summary?: BundleSummary } }): FailureReasons {
  const workspace = bundle.metadata.namespace ?? '';
  const reasons: FailureReasons = {};
  const condition = failingCondition(bundle.status?.conditions);
  if (condition) reasons.condition = condition;
  const summary = bundle.status?.summary;
  const clusters = namedCount((summary?.nonReadyResources ?? []).map((r) => clusterNameOf(r.name ?? '', workspace)), nonReadyCount(summary));
  if (clusters) reasons.clusters = clusters;
  return reasons;
}

/** A Cluster's `summary.nonReadyResources` are named after its BundleDeployments (= the bundles). */
export function clusterReasons(cluster: { status?: { conditions?: Condition[]; summary?: BundleSummary } }): FailureReasons {
  const reasons: FailureReasons = {};
  const condition = failingCondition(cluster.status?.conditions);
  if (condition) reasons.condition = condition;
  const summary = cluster.status?.summary;
  const bundles = namedCount((summary?.nonReadyResources ?? []).map((r) => r.name ?? ''), nonReadyCount(summary));
  if (bundles) reasons.bundles = bundles;
  return reasons;
}

/** A ClusterGroup names up to 10 of its non-ready clusters itself. */
export function clusterGroupReasons(group: {
  status?: { conditions?: Condition[]; summary?: BundleSummary; nonReadyClusterCount?: number; nonReadyClusters?: string[] };
}): FailureReasons {
  const reasons: FailureReasons = {};
  const status = group.status;
  const condition = failingCondition(status?.conditions);
  if (condition) reasons.condition = condition;
  const clusters = namedCount(status?.nonReadyClusters ?? [], status?.nonReadyClusterCount ?? 0);
  if (clusters) reasons.clusters = clusters;
  const bundles = namedCount(
    (status?.summary?.nonReadyResources ?? []).map((r) => r.name ?? ''),
  );
  if (bundles) reasons.bundles = bundles;
  return reasons;
}

/** True when nothing in the reasons is worth showing. */
export function isEmptyReasons(reasons: FailureReasons | undefined): boolean {
  return !reasons || (!reasons.condition && !reasons.bundles && !reasons.clusters);
}

/** "3 clusters: a, b, c" / "12 bundles: a, b, c, d, e and 7 more" — for titles and plain text. */
export function describeNamedCount(named: NamedCount, noun: string): string {
  const word = named.count === 1 ? noun : `${noun}s`;
  const rest = named.count - named.names.length;
  const list = named.names.join(', ');
  return `${named.count} ${word}${list ? `: ${list}` : ''}${rest > 0 ? ` and ${rest} more` : ''}`;
}
