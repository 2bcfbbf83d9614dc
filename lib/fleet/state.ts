/**
 * Fleet's state model: BundleState ranks, the per-BundleDeployment decision chain, summary
 * counting, the Ready condition message, wrangler-style conditions and the `status.display`
 * strings of each kind — computed exactly the way Fleet's controllers compute them.
 *
 * All functions are pure: inputs are never mutated, results are fresh objects. Optional status
 * fields follow Go's zero values (a missing string is `""`, a missing bool `false`).
 */
import { compareCodePoints } from './go-json';
import {
  BUNDLE_NAMESPACE_LABEL,
  CLUSTER_LABEL,
  CLUSTER_NAMESPACE_LABEL,
  HELMOP_LABEL,
  REPO_LABEL,
} from './labels';
import type {
  AgentStatus,
  BundleDeployment,
  BundleDeploymentDisplay,
  BundleDisplay,
  BundleState,
  BundleSummary,
  Cluster,
  ClusterDisplay,
  ClusterGroupDisplay,
  ClusterGroupStatus,
  Condition,
  ConditionStatus,
  DisplayState,
  ModifiedStatus,
  NonReadyResource,
  NonReadyStatus,
  ResourceCounts,
  ResourceSummary,
  StatusDisplay,
} from './types';

// =================================================================================================
// States and ranks (§2.1)
// =================================================================================================

/** Every BundleState, best first (rank 1) to worst (rank 7). */
export const BUNDLE_STATES = Object.freeze([
  'Ready',
  'NotReady',
  'Pending',
  'OutOfSync',
  'Modified',
  'WaitApplied',
  'ErrApplied',
] as const satisfies readonly BundleState[]);

const RANK: Readonly<Record<BundleState, number>> = Object.freeze({
  Ready: 1,
  NotReady: 2,
  Pending: 3,
  OutOfSync: 4,
  Modified: 5,
  WaitApplied: 6,
  ErrApplied: 7,
});

export function isBundleState(value: unknown): value is BundleState {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RANK, value);
}

/** Fleet's `StateRank`: 1 (Ready) … 7 (ErrApplied); 0 for `""` and anything unknown. */
export function stateRank(state: string | undefined): number {
  return isBundleState(state) ? RANK[state] : 0;
}

/**
 * The highest-ranked state in `states`, or `""` when none is a known BundleState. Ties keep the
 * first occurrence (Fleet only replaces on a strictly higher rank).
 */
export function worstState(states: Iterable<string | undefined>): BundleState | '' {
  let worst: BundleState | '' = '';
  for (const state of states) {
    if (stateRank(state) > stateRank(worst)) worst = state as BundleState;
  }
  return worst;
}

/** Fleet's `GetSummaryState`: the worst `bundleState` among `summary.nonReadyResources`. */
export function summaryState(summary: BundleSummary | undefined): BundleState | '' {
  return worstState((summary?.nonReadyResources ?? []).map((resource) => resource.bundleState));
}

// =================================================================================================
// Conditions (wrangler `condition.Cond` semantics)
// =================================================================================================

export type ConditionTime = Date | string | number;

/** RFC 3339 in UTC with whole seconds, like Go's `time.Now().UTC().Format(time.RFC3339)`. */
export function formatConditionTime(time: ConditionTime): string {
  if (typeof time === 'string') return time;
  return new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** A condition's status, or `undefined` when the condition does not exist. */
export function conditionStatus(conditions: readonly Condition[] | undefined, type: string): ConditionStatus | undefined {
  return findCondition(conditions, type)?.status;
}

/** A condition's message (`""` when missing), like Fleet's `MessageFromCondition`. */
export function conditionMessage(conditions: readonly Condition[] | undefined, type: string): string {
  return findCondition(conditions, type)?.message ?? '';
}

export interface ConditionUpdate {
  type: string;
  status: ConditionStatus;
  /** `undefined` keeps the current reason; `""` clears it. */
  reason?: string;
  /** `undefined` keeps the current message; `""` clears it. */
  message?: string;
}

export interface SetConditionOptions {
  /**
   * Also stamp `lastTransitionTime` when the status changes. wrangler (and so Fleet) never writes
   * it, so this is off by default; an existing `lastTransitionTime` is always preserved.
   */
  lastTransitionTime?: boolean;
}

/** Drops empty strings, as Go's `omitempty` does on GenericCondition's string fields. */
function compactCondition(condition: Condition): Condition {
  const out: Condition = { type: condition.type, status: condition.status };
  if (condition.lastUpdateTime) out.lastUpdateTime = condition.lastUpdateTime;
  if (condition.lastTransitionTime) out.lastTransitionTime = condition.lastTransitionTime;
  if (condition.reason) out.reason = condition.reason;
  if (condition.message) out.message = condition.message;
  return out;
}

/**
 * Sets a condition the way wrangler's `condition.Cond` does:
 * - a missing condition is appended, starting out as status `Unknown`;
 * - `lastUpdateTime` is bumped to `now` only when the status or the message changes (a reason
 *   change alone does not touch it);
 * - `lastTransitionTime` is only written with `options.lastTransitionTime`, on status changes.
 *
 * Returns a new array, or the input array itself when nothing changed.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: ConditionTime,
  options: SetConditionOptions = {},
): Condition[] {
  const list = conditions ?? [];
  const index = list.findIndex((condition) => condition.type === update.type);
  const current: Condition = index === -1 ? { type: update.type, status: 'Unknown' } : (list[index] as Condition);
  const next: Condition = { ...current };
  const timestamp = formatConditionTime(now);

  let touched = false;
  if (current.status !== update.status) {
    next.status = update.status;
    touched = true;
    if (options.lastTransitionTime) next.lastTransitionTime = timestamp;
  }
  if (update.message !== undefined && (current.message ?? '') !== update.message) {
    next.message = update.message;
    touched = true;
  }
  if (update.reason !== undefined) next.reason = update.reason;
  if (touched) next.lastUpdateTime = timestamp;

  const result = compactCondition(next);
  if (index !== -1 && JSON.stringify(result) === JSON.stringify(compactCondition(current))) {
    return conditions as Condition[];
  }
  const out = [...list];
  if (index === -1) out.push(result);
  else out[index] = result;
  return out;
}

/** The text of an error value (Error → message, anything else → String). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/**
 * wrangler's `Cond.SetError`: no error ⇒ status `True`, message `""`, reason as given (usually
 * `""`); an error ⇒ status `False`, message = the error text, reason as given or `Error`.
 */
export function setErrorCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
  error: unknown,
  now: ConditionTime,
  reason = '',
  options?: SetConditionOptions,
): Condition[] {
  if (error === undefined || error === null) {
    return setCondition(conditions, { type, status: 'True', message: '', reason }, now, options);
  }
  return setCondition(
    conditions,
    { type, status: 'False', message: errorText(error), reason: reason || 'Error' },
    now,
    options,
  );
}

/**
 * Fleet's `SetReadyConditions`: `Ready` is `True` with an empty message (and the reason cleared)
 * when {@link readyConditionMessage} is empty, else `False` with that message.
 */
export function setReadyCondition(
  conditions: readonly Condition[] | undefined,
  summary: BundleSummary,
  referencedKind: string,
  now: ConditionTime,
  options?: SetConditionOptions,
): Condition[] {
  const message = readyConditionMessage(summary, referencedKind);
  return setCondition(
    conditions,
    message === ''
      ? { type: 'Ready', status: 'True', message: '', reason: '' }
      : { type: 'Ready', status: 'False', message },
    now,
    options,
  );
}

/**
 * BundleDeployment `display.deployed` / `display.monitored`: `Error: <message>` when the
 * condition's reason is `Error`, else its status (`""` when the condition is missing).
 */
export function conditionDisplay(conditions: readonly Condition[] | undefined, type: string): string {
  const condition = findCondition(conditions, type);
  if (!condition) return '';
  if (condition.reason === 'Error') return `Error: ${condition.message ?? ''}`;
  return condition.status;
}

// =================================================================================================
// One BundleDeployment (§2.2)
// =================================================================================================

type BundleDeploymentLike = Pick<BundleDeployment, 'spec' | 'status'>;

/**
 * Fleet's `GetDeploymentState` (first match wins):
 * 1. applied ≠ deploymentID → `ErrApplied` if `Deployed` is False, else `WaitApplied`;
 * 2. not ready → `NotReady`;  3. deploymentID ≠ stagedDeploymentID → `OutOfSync`;
 * 4. modified → `Modified`;  5. `Ready`.
 * A target without a BundleDeployment (`undefined`) is `Pending`.
 */
export function bundleDeploymentState(bd: BundleDeploymentLike | undefined): BundleState {
  if (!bd) return 'Pending';
  const deploymentID = bd.spec?.deploymentID ?? '';
  const status = bd.status;
  if ((status?.appliedDeploymentID ?? '') !== deploymentID) {
    return conditionStatus(status?.conditions, 'Deployed') === 'False' ? 'ErrApplied' : 'WaitApplied';
  }
  if (!status?.ready) return 'NotReady';
  if (deploymentID !== (bd.spec?.stagedDeploymentID ?? '')) return 'OutOfSync';
  if (!status.nonModified) return 'Modified';
  return 'Ready';
}

/**
 * Fleet's `MessageFromDeployment`: the `Deployed` message, else the `Installed` message (only
 * while the applied ID equals the desired one — a stale install error is not shown), else the
 * `Monitored` message.
 */
export function bundleDeploymentMessage(bd: BundleDeploymentLike | undefined): string {
  if (!bd) return '';
  const conditions = bd.status?.conditions;
  let message = conditionMessage(conditions, 'Deployed');
  if (message === '' && (bd.status?.appliedDeploymentID ?? '') === (bd.spec?.deploymentID ?? '')) {
    message = conditionMessage(conditions, 'Installed');
  }
  if (message === '') message = conditionMessage(conditions, 'Monitored');
  return message;
}

/** A BundleDeployment's `status.display`. */
export function bundleDeploymentDisplay(bd: BundleDeploymentLike): BundleDeploymentDisplay {
  return {
    deployed: conditionDisplay(bd.status?.conditions, 'Deployed'),
    monitored: conditionDisplay(bd.status?.conditions, 'Monitored'),
    state: bundleDeploymentState(bd),
  };
}

// =================================================================================================
// String forms of object statuses (§1.1)
// =================================================================================================

interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

/**
 * `<kind-lowercase>[.<group-or-version>] [<namespace>/]<name>`, the group being the part of
 * `apiVersion` before `/` (so core objects read `service.v1`).
 */
export function objectRefString({ apiVersion = '', kind = '', namespace = '', name = '' }: ObjectRef): string {
  const type = apiVersion === '' ? kind.toLowerCase() : `${kind.toLowerCase()}.${apiVersion.split('/')[0] ?? ''}`;
  return namespace === '' ? `${type} ${name}` : `${type} ${namespace}/${name}`;
}

/**
 * wrangler's `summary.Summary.String()`: the state alone unless transitioning/erroring, then
 * `[progressing]`, `[progressing,error]` or (wrangler's quirk, no opening bracket) `error]`,
 * followed by the messages joined with `", "`.
 */
export function resourceSummaryString(summary: ResourceSummary | undefined): string {
  const { state = '', error = false, transitioning = false, message = [] } = summary ?? {};
  if (!transitioning && !error) return state;
  let text = transitioning ? '[progressing' : '';
  if (error) text = text.length > 0 ? `${text},error]` : 'error]';
  else text += ']';
  if (message.length > 0) text += ` ${message.join(', ')}`;
  return text;
}

/** e.g. `deployment.apps default/frontend [progressing] Deployment does not have minimum availability., Available: 0/1` */
export function nonReadyStatusString(status: NonReadyStatus): string {
  return `${objectRefString(status)} ${resourceSummaryString(status.summary)}`;
}

/**
 * `… missing` (must be created), `… is not owned by us` (exists but belongs to another release),
 * `… extra` (would be deleted), else `… modified <patch>`.
 */
export function modifiedStatusString(status: ModifiedStatus): string {
  const ref = objectRefString(status);
  if (status.exist) return `${ref} is not owned by us`;
  if (status.missing) return `${ref} missing`;
  if (status.delete) return `${ref} extra`;
  return `${ref} modified ${status.patch ?? ''}`;
}

// =================================================================================================
// Summaries (§2.3)
// =================================================================================================

/** `nonReadyResources` stops growing at this many entries. */
export const MAX_NON_READY_RESOURCES = 10;

type CounterKey = 'notReady' | 'waitApplied' | 'errApplied' | 'outOfSync' | 'modified' | 'pending' | 'ready';

const COUNTER: Readonly<Record<BundleState, CounterKey>> = Object.freeze({
  Ready: 'ready',
  NotReady: 'notReady',
  Pending: 'pending',
  OutOfSync: 'outOfSync',
  Modified: 'modified',
  WaitApplied: 'waitApplied',
  ErrApplied: 'errApplied',
});

const OPTIONAL_COUNTERS = ['notReady', 'waitApplied', 'errApplied', 'outOfSync', 'modified', 'pending'] as const;

/** A summary with nothing counted: `{ ready: 0, desiredReady: 0 }` (the always-serialised fields). */
export function emptySummary(): BundleSummary {
  return { ready: 0, desiredReady: 0 };
}

/** One counted item. */
export interface SummaryEntry {
  /** BD name, or `<clusterNamespace>/<clusterName>` for Bundles. Empty names are never listed. */
  name: string;
  state: BundleState | string;
  message?: string;
  modifiedStatus?: readonly ModifiedStatus[];
  nonReadyStatus?: readonly NonReadyStatus[];
}

function nonReadyResource(entry: SummaryEntry): NonReadyResource {
  const resource: NonReadyResource = { name: entry.name, bundleState: entry.state };
  if (entry.message) resource.message = entry.message;
  if (entry.modifiedStatus && entry.modifiedStatus.length > 0) resource.modifiedStatus = [...entry.modifiedStatus];
  if (entry.nonReadyStatus && entry.nonReadyStatus.length > 0) resource.nonReadyStatus = [...entry.nonReadyStatus];
  return resource;
}

function copySummary(summary: BundleSummary): BundleSummary {
  const copy: BundleSummary = { ...summary };
  if (summary.nonReadyResources) copy.nonReadyResources = [...summary.nonReadyResources];
  return copy;
}

/**
 * Fleet's `IncrementState`: counts `entry.state` and, unless it is Ready (or the name is empty),
 * lists the entry in `nonReadyResources` while fewer than 10 are listed. Unknown states are not
 * counted but still listed. `desiredReady` is *not* touched — Fleet's callers add 1 per item
 * themselves (see {@link summarize}).
 */
export function incrementSummary(summary: BundleSummary, entry: SummaryEntry): BundleSummary {
  const next = copySummary(summary);
  if (isBundleState(entry.state)) {
    const key = COUNTER[entry.state];
    next[key] = (next[key] ?? 0) + 1;
  }
  if (entry.name !== '' && entry.state !== 'Ready') {
    const listed = next.nonReadyResources ?? [];
    if (listed.length < MAX_NON_READY_RESOURCES) next.nonReadyResources = [...listed, nonReadyResource(entry)];
  }
  return next;
}

/** Counts a list of items in order, adding 1 to `desiredReady` for each, like every Fleet caller. */
export function summarize(entries: Iterable<SummaryEntry>, start: BundleSummary = emptySummary()): BundleSummary {
  let summary = copySummary(start);
  for (const entry of entries) {
    summary = incrementSummary(summary, entry);
    summary.desiredReady += 1;
  }
  return summary;
}

/**
 * Fleet's `summary.Increment`: adds every counter; `right`'s `nonReadyResources` are appended
 * whole while `left` lists fewer than 10 (so a sum may list more than 10, exactly like Fleet).
 */
export function addSummaries(left: BundleSummary | undefined, right: BundleSummary | undefined): BundleSummary {
  const a = left ?? emptySummary();
  const b = right ?? emptySummary();
  const sum: BundleSummary = { ready: a.ready + b.ready, desiredReady: a.desiredReady + b.desiredReady };
  for (const key of OPTIONAL_COUNTERS) {
    const value = (a[key] ?? 0) + (b[key] ?? 0);
    if (value !== 0) sum[key] = value;
  }
  const listed = [...(a.nonReadyResources ?? [])];
  if (listed.length < MAX_NON_READY_RESOURCES) listed.push(...(b.nonReadyResources ?? []));
  if (listed.length > 0) sum.nonReadyResources = listed;
  return sum;
}

/** Fleet's `IsReady`: every desired item is ready. */
export function isSummaryReady(summary: BundleSummary | undefined): boolean {
  return (summary?.desiredReady ?? 0) === (summary?.ready ?? 0);
}

/** `"<ready>/<desiredReady>"`, used by every `display.ready*` column. */
export function readyFraction(summary: BundleSummary | undefined): string {
  return `${summary?.ready ?? 0}/${summary?.desiredReady ?? 0}`;
}

const MESSAGE_STATES: readonly { state: BundleState; key: CounterKey }[] = [
  { state: 'OutOfSync', key: 'outOfSync' },
  { state: 'NotReady', key: 'notReady' },
  { state: 'WaitApplied', key: 'waitApplied' },
  { state: 'ErrApplied', key: 'errApplied' },
  { state: 'Pending', key: 'pending' },
  { state: 'Modified', key: 'modified' },
];

/** How many modified / non-ready object strings each fragment of the Ready message carries. */
const MAX_OBJECTS_PER_FRAGMENT = 4;

/**
 * Fleet's `ReadyMessage` (§2.5). For every non-Ready state with a positive count whose first
 * listed resource is found in `nonReadyResources`, emits `<State>(<count>) [<Kind> <name>]`
 * (`[<Kind> <name>: <message>]` when that resource has a message) plus up to 4 modified and up to
 * 4 non-ready object strings of that resource. All fragments are sorted (byte order) and joined
 * with `"; "`. `""` means ready.
 */
export function readyConditionMessage(summary: BundleSummary | undefined, referencedKind: string): string {
  const fragments: string[] = [];
  const listed = summary?.nonReadyResources ?? [];
  for (const { state, key } of MESSAGE_STATES) {
    const count = summary?.[key] ?? 0;
    if (count <= 0) continue;
    const first = listed.find((resource) => resource.bundleState === state);
    if (!first) continue;
    const name = first.name ?? '';
    fragments.push(
      first.message
        ? `${state}(${count}) [${referencedKind} ${name}: ${first.message}]`
        : `${state}(${count}) [${referencedKind} ${name}]`,
    );
    for (const modified of (first.modifiedStatus ?? []).slice(0, MAX_OBJECTS_PER_FRAGMENT)) {
      fragments.push(modifiedStatusString(modified));
    }
    for (const nonReady of (first.nonReadyStatus ?? []).slice(0, MAX_OBJECTS_PER_FRAGMENT)) {
      fragments.push(nonReadyStatusString(nonReady));
    }
  }
  return fragments.sort(compareCodePoints).join('; ');
}

// =================================================================================================
// Resource counts
// =================================================================================================

const RESOURCE_COUNT_KEYS = [
  'ready',
  'desiredReady',
  'waitApplied',
  'modified',
  'orphaned',
  'missing',
  'unknown',
  'notReady',
] as const satisfies readonly (keyof ResourceCounts)[];

/** All eight counters at zero (every field is always serialised). */
export function emptyResourceCounts(): ResourceCounts {
  return { ready: 0, desiredReady: 0, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 };
}

/** Fleet's `IncrementResourceCounts`: field-wise sum (missing fields count as 0). */
export function addResourceCounts(
  left: Partial<ResourceCounts> | undefined,
  right: Partial<ResourceCounts> | undefined,
): ResourceCounts {
  const sum = emptyResourceCounts();
  for (const key of RESOURCE_COUNT_KEYS) sum[key] = (left?.[key] ?? 0) + (right?.[key] ?? 0);
  return sum;
}

/** `"<clusterNamespace>/<clusterName>"`, the cluster id used in summaries and per-cluster maps. */
export function clusterId(clusterNamespace: string, clusterName: string): string {
  return `${clusterNamespace}/${clusterName}`;
}

// =================================================================================================
// Roll-ups and display strings per kind (§2.3, §2.4)
// =================================================================================================

/** A Bundle's `status.display`: `"<ready>/<desired>"` clusters and the worst listed state. */
export function bundleDisplay(summary: BundleSummary | undefined): BundleDisplay {
  return { readyClusters: readyFraction(summary), state: summaryState(summary) };
}

export interface BundleDeploymentRollup {
  summary: BundleSummary;
  /** Clusters on which every one of the BDs is Ready. */
  readyClusters: number;
  /** Clusters with at least one of the BDs. */
  desiredReadyClusters: number;
  resourceCounts: ResourceCounts;
  /** Keyed by `"<clusterNamespace>/<clusterName>"` (from the BD labels). */
  perClusterResourceCounts: Record<string, ResourceCounts>;
  display: Required<StatusDisplay>;
}

function compareByUidThenName(a: BundleDeployment, b: BundleDeployment): number {
  const byUid = compareCodePoints(a.metadata.uid ?? '', b.metadata.uid ?? '');
  return byUid !== 0 ? byUid : compareCodePoints(a.metadata.name, b.metadata.name);
}

/**
 * The StatusBase roll-up of a GitRepo or HelmOp over its BundleDeployments (those labelled with
 * `fleet.cattle.io/repo-name` or `fleet.cattle.io/fleet-helm-name` and
 * `fleet.cattle.io/bundle-namespace`, across all cluster namespaces). Like Fleet, BDs are taken in
 * `metadata.uid` order; each is counted under its name; `display.state` is the worst BD state
 * (`""` if that is Ready) and `display.message` the message of the first BD in that state.
 * GitRepos additionally apply {@link gitRepoDisplayState}.
 */
export function rollUpBundleDeployments(bundleDeployments: readonly BundleDeployment[]): BundleDeploymentRollup {
  const sorted = [...bundleDeployments].sort(compareByUidThenName);
  let summary = emptySummary();
  let resourceCounts = emptyResourceCounts();
  const perClusterResourceCounts: Record<string, ResourceCounts> = {};
  const clusterReady = new Map<string, boolean>();
  let maxState: BundleState | '' = '';
  let message = '';

  for (const bd of sorted) {
    const state = bundleDeploymentState(bd);
    const bdMessage = bundleDeploymentMessage(bd);
    summary = incrementSummary(summary, {
      name: bd.metadata.name,
      state,
      message: bdMessage,
      modifiedStatus: bd.status?.modifiedStatus,
      nonReadyStatus: bd.status?.nonReadyStatus,
    });
    summary.desiredReady += 1;
    if (stateRank(state) > stateRank(maxState)) {
      maxState = state;
      message = bdMessage;
    }

    const labels = bd.metadata.labels ?? {};
    const key = clusterId(labels[CLUSTER_NAMESPACE_LABEL] ?? '', labels[CLUSTER_LABEL] ?? '');
    clusterReady.set(key, (clusterReady.get(key) ?? true) && state === 'Ready');
    resourceCounts = addResourceCounts(resourceCounts, bd.status?.resourceCounts);
    perClusterResourceCounts[key] = addResourceCounts(perClusterResourceCounts[key], bd.status?.resourceCounts);
  }

  if (maxState === 'Ready') {
    maxState = '';
    message = '';
  }
  return {
    summary,
    readyClusters: [...clusterReady.values()].filter(Boolean).length,
    desiredReadyClusters: clusterReady.size,
    resourceCounts,
    perClusterResourceCounts,
    display: {
      readyBundleDeployments: readyFraction(summary),
      state: maxState,
      message,
      error: message.length > 0,
    },
  };
}

/** GitRepo `display.state`: `GitUpdating` whenever `gitJobStatus` is not `Current`. */
export function gitRepoDisplayState(state: string | undefined, gitJobStatus: string | undefined): string {
  return gitJobStatus === 'Current' ? (state ?? '') : 'GitUpdating';
}

/** A GitRepo's `status.display` from the roll-up display and the git Job's kstatus. */
export function gitRepoDisplay(display: StatusDisplay, gitJobStatus: string | undefined): StatusDisplay {
  return { ...display, state: gitRepoDisplayState(display.state, gitJobStatus) };
}

const ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/;

/** Whether the agent has ever checked in (`lastSeen` set and not Go's zero time). */
export function hasAgentCheckedIn(agent: AgentStatus | undefined): boolean {
  const lastSeen = agent?.lastSeen;
  return typeof lastSeen === 'string' && lastSeen !== '' && !ZERO_TIME.test(lastSeen);
}

/** A Cluster's `status.display`: ready bundles and worst state, `WaitCheckIn` until the first heartbeat. */
export function clusterDisplay(summary: BundleSummary | undefined, agent: AgentStatus | undefined): ClusterDisplay {
  return {
    readyBundles: readyFraction(summary),
    state: hasAgentCheckedIn(agent) ? summaryState(summary) : 'WaitCheckIn',
  };
}

export interface ClusterBundleDeploymentRollup {
  summary: BundleSummary;
  resourceCounts: ResourceCounts;
  readyGitRepos: number;
  desiredReadyGitRepos: number;
  readyHelmOps: number;
  desiredReadyHelmOps: number;
}

/** Tells whether a GitRepo / HelmOp still exists (`kind` is `GitRepo` or `HelmOp`). */
export type OwnerExists = (kind: 'GitRepo' | 'HelmOp', namespace: string, name: string) => boolean;

/**
 * A Cluster's status roll-up over every BD in its cluster namespace (agent bundle included), in
 * name order. A GitRepo (HelmOp) referenced by a BD label counts as ready when any of its BDs on
 * this cluster is Ready; only owners for which `exists` holds are counted.
 */
export function rollUpClusterBundleDeployments(
  bundleDeployments: readonly BundleDeployment[],
  exists: OwnerExists = () => true,
): ClusterBundleDeploymentRollup {
  const sorted = [...bundleDeployments].sort((a, b) => compareCodePoints(a.metadata.name, b.metadata.name));
  let summary = emptySummary();
  let resourceCounts = emptyResourceCounts();
  const owners = new Map<string, { kind: 'GitRepo' | 'HelmOp'; namespace: string; name: string; ready: boolean }>();

  for (const bd of sorted) {
    const state = bundleDeploymentState(bd);
    summary = incrementSummary(summary, {
      name: bd.metadata.name,
      state,
      message: bundleDeploymentMessage(bd),
      modifiedStatus: bd.status?.modifiedStatus,
      nonReadyStatus: bd.status?.nonReadyStatus,
    });
    summary.desiredReady += 1;
    resourceCounts = addResourceCounts(resourceCounts, bd.status?.resourceCounts);

    const labels = bd.metadata.labels ?? {};
    const namespace = labels[BUNDLE_NAMESPACE_LABEL] ?? '';
    for (const [kind, label] of [
      ['GitRepo', REPO_LABEL],
      ['HelmOp', HELMOP_LABEL],
    ] as const) {
      const name = labels[label];
      if (!name) continue;
      const key = `${kind}\u0000${namespace}\u0000${name}`;
      const previous = owners.get(key);
      owners.set(key, { kind, namespace, name, ready: state === 'Ready' || (previous?.ready ?? false) });
    }
  }

  const result: ClusterBundleDeploymentRollup = {
    summary,
    resourceCounts,
    readyGitRepos: 0,
    desiredReadyGitRepos: 0,
    readyHelmOps: 0,
    desiredReadyHelmOps: 0,
  };
  for (const owner of owners.values()) {
    if (!exists(owner.kind, owner.namespace, owner.name)) continue;
    if (owner.kind === 'GitRepo') {
      result.desiredReadyGitRepos += 1;
      if (owner.ready) result.readyGitRepos += 1;
    } else {
      result.desiredReadyHelmOps += 1;
      if (owner.ready) result.readyHelmOps += 1;
    }
  }
  return result;
}

/** ClusterGroup `display.readyClusters`: `"<ready>/<total>"` plus ` (a,b,…)` when clusters are not ready. */
export function clusterGroupReadyClusters(
  clusterCount: number,
  nonReadyClusterCount: number,
  nonReadyClusters: readonly string[] = [],
): string {
  const base = `${clusterCount - nonReadyClusterCount}/${clusterCount}`;
  return nonReadyClusters.length > 0 ? `${base} (${nonReadyClusters.join(',')})` : base;
}

/** At most this many non-ready cluster names are listed by a ClusterGroup. */
export const MAX_REPORTED_NON_READY_CLUSTERS = 10;

export type ClusterGroupRollup = Required<
  Pick<ClusterGroupStatus, 'clusterCount' | 'nonReadyClusterCount' | 'nonReadyClusters' | 'summary' | 'resourceCounts'>
> & { display: Required<ClusterGroupDisplay> };

/**
 * A ClusterGroup's status roll-up over its member clusters (in name order): sums their summaries
 * and resource counts, counts clusters whose summary is not ready and names up to 10 of them.
 */
export function rollUpClusterGroup(members: readonly Pick<Cluster, 'metadata' | 'status'>[]): ClusterGroupRollup {
  const sorted = [...members].sort((a, b) => compareCodePoints(a.metadata.name, b.metadata.name));
  let summary = emptySummary();
  let resourceCounts = emptyResourceCounts();
  let nonReadyClusterCount = 0;
  const nonReadyClusters: string[] = [];
  for (const cluster of sorted) {
    summary = addSummaries(summary, cluster.status?.summary);
    resourceCounts = addResourceCounts(resourceCounts, cluster.status?.resourceCounts);
    if (!isSummaryReady(cluster.status?.summary)) {
      nonReadyClusterCount += 1;
      if (nonReadyClusters.length < MAX_REPORTED_NON_READY_CLUSTERS) nonReadyClusters.push(cluster.metadata.name);
    }
  }
  return {
    clusterCount: sorted.length,
    nonReadyClusterCount,
    nonReadyClusters,
    summary,
    resourceCounts,
    display: {
      readyBundles: readyFraction(summary),
      readyClusters: clusterGroupReadyClusters(sorted.length, nonReadyClusterCount, nonReadyClusters),
      state: summaryState(summary),
    },
  };
}

// =================================================================================================
// Dashboard buckets
// =================================================================================================

export type StateBucket = 'error' | 'warning' | 'active' | 'pending';

/**
 * Groups a display state into the dashboard's four buckets, following the colours Rancher's
 * dashboard gives these states (§2.8):
 * - `error`: ErrApplied (red);
 * - `warning`: Modified, OutOfSync, NotReady, WaitCheckIn (warning colour), and any state this
 *   table does not know (so it is looked at rather than hidden);
 * - `pending`: WaitApplied, Pending (info colour) and GitUpdating (transient while the git job runs);
 * - `active`: Ready and `""` (all ready).
 * Matching ignores case, so the dashboard's lower-cased `metadata.state` works too.
 */
export function stateBucket(state: DisplayState | string | undefined): StateBucket {
  switch ((state ?? '').toLowerCase()) {
    case '':
    case 'ready':
    case 'active':
      return 'active';
    case 'errapplied':
    case 'error':
      return 'error';
    case 'waitapplied':
    case 'pending':
    case 'gitupdating':
      return 'pending';
    default:
      return 'warning';
  }
}
