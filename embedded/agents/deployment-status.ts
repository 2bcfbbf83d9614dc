/**
 * What a Fleet agent writes into a BundleDeployment's status after trying to deploy it, as a pure
 * function of the deployment, the objects it renders to, the downstream release and the
 * simulation annotations of its cluster.
 */
import {
  bundleDeploymentState,
  conditionDisplay,
  emptyResourceCounts,
  modifiedStatusString,
  nonReadyStatusString,
  setCondition,
  setErrorCondition,
} from '../../lib/fleet/state';
import type {
  BundleDeployment,
  BundleDeploymentResource,
  BundleDeploymentStatus,
  Condition,
  ModifiedStatus,
  NonReadyStatus,
  ResourceCounts,
} from '../../lib/fleet/types';
import type { ObjectRef, Simulation } from './annotations';

/** One object a deployment installs downstream. */
export interface DownstreamObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What the simulated downstream cluster holds for one BundleDeployment (a Helm release). */
export interface Release {
  deploymentID: string;
  /** `<namespace>/<releaseName>` */
  name: string;
  revision: number;
  objects: readonly DownstreamObject[];
  /** When the objects were first created (RFC 3339). */
  createdAt: string;
}

export interface AgentOutcome {
  /** The deployment failed before anything was installed: Deployed=False with this message. */
  deployError?: string;
  /** The release now installed for the deployment (after a successful deploy). */
  release?: Release;
  simulation: Simulation;
  /** The name of the Bundle (to scope object refs like `<bundle>:<kind>/<name>`). */
  bundleName: string;
  /** The agent bundle is never hit by wildcard simulations. */
  isAgentBundle: boolean;
  now: string;
}

/** Caps of Fleet's agent on the status lists. */
const MAX_LISTED = 10;

function refMatches(ref: ObjectRef, object: DownstreamObject, bundleName: string): boolean {
  if (ref.bundle !== undefined && ref.bundle !== bundleName) return false;
  if (ref.kind !== object.kind.toLowerCase()) return false;
  if (ref.namespace !== undefined && ref.namespace !== (object.namespace ?? '')) return false;
  return ref.name === object.name;
}

/** The objects of a release an annotation's refs point at (`*` = the first object). */
export function selectObjects(
  refs: readonly ObjectRef[],
  objects: readonly DownstreamObject[],
  bundleName: string,
  isAgentBundle: boolean,
): DownstreamObject[] {
  const selected = new Set<DownstreamObject>();
  for (const ref of refs) {
    if (ref.kind === '*') {
      const applies = ref.bundle !== undefined ? ref.bundle === bundleName : !isAgentBundle;
      if (applies && objects[0]) selected.add(objects[0]);
      continue;
    }
    for (const object of objects) if (refMatches(ref, object, bundleName)) selected.add(object);
  }
  return objects.filter((object) => selected.has(object));
}

/** A drift patch that looks like what `kubectl edit` would leave behind for the kind. */
export function driftPatch(object: DownstreamObject): string {
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return '{"spec":{"replicas":5}}';
    case 'ConfigMap':
      return '{"data":{"edited-by":"kubectl"}}';
    case 'Service':
      return '{"spec":{"type":"NodePort"}}';
    case 'Secret':
      return '{"data":{"edited-by":"a3ViZWN0bA=="}}';
    default:
      return '{"metadata":{"labels":{"edited-by":"kubectl"}}}';
  }
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** A kstatus-like summary of an object that is not ready. */
export function notReadySummary(object: DownstreamObject): NonReadyStatus['summary'] {
  if (WORKLOADS.has(object.kind)) {
    return {
      state: 'updating',
      transitioning: true,
      message: [`${object.kind} does not have minimum availability.`, 'Available: 0/1'],
    };
  }
  if (object.kind === 'Job') return { state: 'in-progress', transitioning: true, message: ['Job has not completed'] };
  if (object.kind === 'Pod') {
    return { state: 'error', error: true, message: ['back-off 5m0s restarting failed container'] };
  }
  if (object.kind === 'Service') {
    return { state: 'pending', transitioning: true, message: ['Service is waiting for a load balancer address'] };
  }
  return { state: 'in-progress', transitioning: true, message: [`${object.kind} is not ready`] };
}

/** A stable pseudo uid for a downstream object (the real one would come from the API server). */
function downstreamUid(release: Release, object: DownstreamObject): string {
  let hash = 2166136261;
  const text = `${release.name}/${object.apiVersion}/${object.kind}/${object.namespace ?? ''}/${object.name}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  const hex = (hash >>> 0).toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

function ref(object: DownstreamObject): Pick<ModifiedStatus, 'kind' | 'apiVersion' | 'namespace' | 'name'> {
  const out: Pick<ModifiedStatus, 'kind' | 'apiVersion' | 'namespace' | 'name'> = { kind: object.kind, apiVersion: object.apiVersion };
  if (object.namespace) out.namespace = object.namespace;
  out.name = object.name;
  return out;
}

const EXTRA_API_VERSIONS: Readonly<Record<string, string>> = {
  deployment: 'apps/v1',
  statefulset: 'apps/v1',
  daemonset: 'apps/v1',
  replicaset: 'apps/v1',
  job: 'batch/v1',
  cronjob: 'batch/v1',
  ingress: 'networking.k8s.io/v1',
  role: 'rbac.authorization.k8s.io/v1',
  rolebinding: 'rbac.authorization.k8s.io/v1',
};

const EXTRA_KINDS: Readonly<Record<string, string>> = {
  configmap: 'ConfigMap',
  secret: 'Secret',
  service: 'Service',
  serviceaccount: 'ServiceAccount',
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  replicaset: 'ReplicaSet',
  job: 'Job',
  cronjob: 'CronJob',
  ingress: 'Ingress',
  role: 'Role',
  rolebinding: 'RoleBinding',
  pod: 'Pod',
};

/** Objects an `extra` annotation adds next to a release (they carry its labels but are not in it). */
function extraObjects(refs: readonly ObjectRef[], release: Release, bundleName: string, isAgentBundle: boolean): DownstreamObject[] {
  const namespace = release.name.split('/')[0] ?? 'default';
  const out: DownstreamObject[] = [];
  for (const item of refs) {
    if (item.bundle !== undefined ? item.bundle !== bundleName : isAgentBundle) continue;
    if (item.kind === '*') {
      out.push({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: `${bundleName}-leftover` });
      continue;
    }
    const kind = EXTRA_KINDS[item.kind] ?? item.kind.charAt(0).toUpperCase() + item.kind.slice(1);
    out.push({ apiVersion: EXTRA_API_VERSIONS[item.kind] ?? 'v1', kind, namespace: item.namespace ?? namespace, name: item.name });
  }
  return out;
}

/**
 * The objects' state as the agent's monitor sees it: non-ready and modified objects (from the
 * simulation), the resource list and the resource counts.
 */
export function monitorRelease(
  release: Release,
  simulation: Simulation,
  bundleName: string,
  isAgentBundle: boolean,
): {
  nonReadyStatus: NonReadyStatus[];
  modifiedStatus: ModifiedStatus[];
  resources: BundleDeploymentResource[];
  resourceCounts: ResourceCounts;
} {
  const missing = new Set(selectObjects(simulation.missing, release.objects, bundleName, isAgentBundle));
  const drifted = selectObjects(simulation.drift, release.objects, bundleName, isAgentBundle).filter((o) => !missing.has(o));
  const notReady = selectObjects(simulation.notReady, release.objects, bundleName, isAgentBundle).filter((o) => !missing.has(o));
  const extra = extraObjects(simulation.extra, release, bundleName, isAgentBundle);

  const modifiedStatus: ModifiedStatus[] = [
    ...[...missing].map((object) => ({ ...ref(object), missing: true })),
    ...extra.map((object) => ({ ...ref(object), delete: true })),
    ...drifted.map((object) => ({ ...ref(object), patch: driftPatch(object) })),
  ];
  const nonReadyStatus: NonReadyStatus[] = notReady.map((object) => ({
    uid: downstreamUid(release, object),
    ...ref(object),
    summary: notReadySummary(object),
  }));

  const resources: BundleDeploymentResource[] = release.objects
    .filter((object) => !missing.has(object))
    .map((object) => ({ ...ref(object), createdAt: release.createdAt }));

  const counts = emptyResourceCounts();
  counts.desiredReady = release.objects.length;
  counts.missing = missing.size;
  counts.orphaned = extra.length;
  counts.modified = drifted.length;
  const notReadyOnly = notReady.filter((object) => !drifted.includes(object));
  counts.notReady = notReadyOnly.length;
  counts.ready = Math.max(0, counts.desiredReady - counts.missing - counts.modified - counts.notReady);

  return {
    nonReadyStatus: nonReadyStatus.slice(0, MAX_LISTED),
    modifiedStatus: modifiedStatus.slice(0, MAX_LISTED),
    resources,
    resourceCounts: counts,
  };
}

/**
 * The status the agent writes for `bd`:
 * - a deploy error keeps the previously applied deployment and sets `Deployed=False` (the BD then
 *   shows ErrApplied with that message);
 * - a successful deploy records `appliedDeploymentID`, `release`, `Installed`/`Deployed=True`, and
 *   the monitor's view: `ready`, `nonModified`, `nonReadyStatus`, `modifiedStatus`, `resources`,
 *   `resourceCounts`, `Monitored` and `Ready` (False with the first non-ready / modified object);
 * - `display` follows from the conditions and the state chain.
 */
export function agentStatus(bd: BundleDeployment, outcome: AgentOutcome): BundleDeploymentStatus {
  const previous = bd.status ?? {};
  const { now } = outcome;
  let conditions: Condition[] | undefined = previous.conditions;
  const status: BundleDeploymentStatus = {};

  if (outcome.deployError !== undefined || !outcome.release) {
    const message = outcome.deployError ?? 'no release';
    conditions = setErrorCondition(conditions, 'Deployed', message, now);
    if (previous.appliedDeploymentID !== undefined) status.appliedDeploymentID = previous.appliedDeploymentID;
    if (previous.release !== undefined) status.release = previous.release;
    status.ready = previous.ready ?? false;
    status.nonModified = previous.nonModified ?? false;
    if (previous.nonReadyStatus) status.nonReadyStatus = previous.nonReadyStatus;
    if (previous.modifiedStatus) status.modifiedStatus = previous.modifiedStatus;
    if (previous.resources) status.resources = previous.resources;
    status.resourceCounts = previous.resourceCounts ?? emptyResourceCounts();
    if (previous.syncGeneration !== undefined) status.syncGeneration = previous.syncGeneration;
  } else {
    const release = outcome.release;
    const monitored = monitorRelease(release, outcome.simulation, outcome.bundleName, outcome.isAgentBundle);
    status.appliedDeploymentID = release.deploymentID;
    status.release = `${release.name}:${release.revision}`;
    status.ready = monitored.nonReadyStatus.length === 0;
    status.nonModified = monitored.modifiedStatus.length === 0;
    if (monitored.nonReadyStatus.length > 0) status.nonReadyStatus = monitored.nonReadyStatus;
    if (monitored.modifiedStatus.length > 0) status.modifiedStatus = monitored.modifiedStatus;
    status.resources = monitored.resources;
    status.resourceCounts = monitored.resourceCounts;
    status.syncGeneration = bd.spec?.options?.forceSyncGeneration ?? 0;

    conditions = setCondition(conditions, { type: 'Installed', status: 'True' }, now);
    conditions = setErrorCondition(conditions, 'Deployed', undefined, now);
    conditions = setErrorCondition(conditions, 'Monitored', undefined, now);
    let readyError: string | undefined;
    if (!status.ready) {
      const first = monitored.nonReadyStatus[0];
      readyError = first ? nonReadyStatusString(first) : 'not ready';
    } else if (!status.nonModified) {
      const first = monitored.modifiedStatus[0];
      readyError = first ? modifiedStatusString(first) : 'out of sync';
    }
    conditions = setErrorCondition(conditions, 'Ready', readyError, now);
  }

  status.conditions = conditions;
  const withStatus = { spec: bd.spec, status };
  status.display = {
    deployed: conditionDisplay(conditions, 'Deployed'),
    monitored: conditionDisplay(conditions, 'Monitored'),
    state: bundleDeploymentState(withStatus),
  };
  return orderStatus(status);
}

/** The status for a deployment with nothing to apply yet (a paused, never-promoted BD). */
export function idleStatus(bd: BundleDeployment, now: string): BundleDeploymentStatus {
  const previous = bd.status ?? {};
  const conditions = setErrorCondition(previous.conditions, 'Ready', undefined, now);
  const status: BundleDeploymentStatus = {
    ...previous,
    ready: previous.ready ?? true,
    nonModified: previous.nonModified ?? true,
    resourceCounts: previous.resourceCounts ?? emptyResourceCounts(),
    conditions,
  };
  status.display = {
    deployed: conditionDisplay(conditions, 'Deployed'),
    monitored: conditionDisplay(conditions, 'Monitored'),
    state: bundleDeploymentState({ spec: bd.spec, status }),
  };
  return orderStatus(status);
}

const STATUS_KEYS: readonly (keyof BundleDeploymentStatus)[] = [
  'conditions',
  'appliedDeploymentID',
  'release',
  'ready',
  'nonModified',
  'nonReadyStatus',
  'modifiedStatus',
  'incompleteState',
  'display',
  'syncGeneration',
  'resources',
  'resourceCounts',
  'downstreamResourcesGeneration',
];

/** Fleet's field order (so the stored JSON reads like Fleet's and compares stably). */
function orderStatus(status: BundleDeploymentStatus): BundleDeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const key of STATUS_KEYS) if (status[key] !== undefined) out[key] = status[key];
  return out as BundleDeploymentStatus;
}
