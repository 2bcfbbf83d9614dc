/**
 * TypeScript types for Fleet objects: specs are inferred from the zod schemas in ./schemas, status
 * shapes are written by hand after what Fleet's controllers and agents serialise.
 *
 * Status fields that Fleet always serialises (no `omitempty`) are required here; everything else
 * is optional. A freshly created object has no `status` at all.
 */
import type { KubeObject as AnyKubeObject, ObjectMeta, OwnerReference } from '../k8s/object';
import type {
  BundleDeploymentSpec,
  BundleNamespaceMappingFields,
  BundleSpec,
  ClusterGroupSpec,
  ClusterRegistrationSpec,
  ClusterRegistrationTokenSpec,
  ClusterSpec,
  ContentFields,
  GitRepoRestrictionFields,
  GitRepoSpec,
  HelmOpSpec,
  ImageScanSpec,
  ScheduleSpec,
} from './schemas';

export type { ObjectMeta, OwnerReference };
export type {
  AgentSchedulingCustomization,
  BundleDeploymentOptions,
  BundleDeploymentSpec,
  BundleNamespaceMappingFields,
  BundleRef,
  BundleResource,
  BundleSpec,
  BundleTarget,
  BundleTargetRestriction,
  ClusterGroupSpec,
  ClusterRegistrationSpec,
  ClusterRegistrationTokenSpec,
  ClusterSpec,
  ComparePatch,
  ContentFields,
  CorrectDrift,
  EnvVar,
  GitRepoBundle,
  GitRepoRestrictionFields,
  GitRepoSpec,
  GitTarget,
  HelmOpOptions,
  HelmOpSpec,
  HelmOptions,
  ImageScanCommit,
  ImageScanSpec,
  LabelSelector,
  LabelSelectorRequirement,
  PartitionSpec,
  ResourceRequirements,
  RolloutStrategy,
  ScheduleSpec,
  TargetCustomizationMode,
  Toleration,
  ValuesFrom,
} from './schemas';

// =================================================================================================
// Generic object envelope
// =================================================================================================

/**
 * A Kubernetes object with a typed `spec` and `status`. It stays assignable to the untyped
 * `KubeObject` of `lib/k8s/object` (which the API server stores). `spec` is optional because the
 * CRDs do not require it: an object created without one is accepted and read as an empty spec.
 */
export interface KubeObject<Spec = unknown, Status = unknown> extends AnyKubeObject {
  spec?: Spec;
  status?: Status;
}

/** A Fleet kind: a {@link KubeObject} with its `kind` narrowed to the literal name. */
export interface FleetObject<Kind extends string, Spec, Status> extends KubeObject<Spec, Status> {
  kind: Kind;
}

// =================================================================================================
// Shared status building blocks (§1.1)
// =================================================================================================

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** wrangler's `GenericCondition`. Times are RFC 3339 strings. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** Best → worst. The UI/state model ranks them; see lib/fleet state helpers. */
export type BundleState = 'Ready' | 'NotReady' | 'Pending' | 'OutOfSync' | 'Modified' | 'WaitApplied' | 'ErrApplied';

/**
 * What `status.display.state` can hold: a BundleState, the display-only `GitUpdating` (GitRepo)
 * and `WaitCheckIn` (Cluster), or `''` when everything is ready.
 */
export type DisplayState = BundleState | 'GitUpdating' | 'WaitCheckIn' | '';

/** The kstatus-style summary an agent records for one non-ready object. */
export interface ResourceSummary {
  state?: string;
  error?: boolean;
  transitioning?: boolean;
  message?: string[];
}

/** A deployed object that is not ready (BundleDeployment `status.nonReadyStatus[]`). */
export interface NonReadyStatus {
  uid?: string;
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  summary: ResourceSummary;
}

/** A deployed object that drifted (BundleDeployment `status.modifiedStatus[]`). */
export interface ModifiedStatus {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  /** The object is missing and must be created. */
  missing?: boolean;
  /** The object exists but belongs to another release. */
  exist?: boolean;
  /** The object is extra and would be deleted. */
  delete?: boolean;
  /** JSON patch text describing the drift. */
  patch?: string;
}

/** One entry of `summary.nonReadyResources` (at most 10). The state key is `bundleState`. */
export interface NonReadyResource {
  name?: string;
  bundleState?: BundleState | string;
  message?: string;
  modifiedStatus?: ModifiedStatus[];
  nonReadyStatus?: NonReadyStatus[];
}

/** Per-state BundleDeployment counters. `ready` and `desiredReady` are always serialised. */
export interface BundleSummary {
  notReady?: number;
  waitApplied?: number;
  errApplied?: number;
  outOfSync?: number;
  modified?: number;
  pending?: number;
  ready: number;
  desiredReady: number;
  nonReadyResources?: NonReadyResource[];
}

/** Object counts by state; every field is always serialised. */
export interface ResourceCounts {
  ready: number;
  desiredReady: number;
  waitApplied: number;
  modified: number;
  orphaned: number;
  missing: number;
  unknown: number;
  notReady: number;
}

/** Cluster ids (`<clusterNamespace>/<clusterName>`) per state of one deployed object (Fleet ≥ 0.12). */
export interface PerClusterState {
  ready?: string[];
  waitApplied?: string[];
  pending?: string[];
  modified?: string[];
  orphaned?: string[];
  missing?: string[];
  unknown?: string[];
  notReady?: string[];
}

/** `perClusterState` entries as Fleet ≤ 0.11 wrote them (a list instead of a map). */
export interface LegacyPerClusterStateEntry {
  state?: string;
  error?: boolean;
  transitioning?: boolean;
  message?: string;
  patch?: unknown;
  clusterId?: string;
}

/** One deployed object across all of a GitRepo's / HelmOp's BundleDeployments (`status.resources[]`). */
export interface Resource {
  apiVersion?: string;
  kind?: string;
  /** Lower-case kind, prefixed with the API group and a dot unless core (`configmap`, `apps.deployment`). */
  type?: string;
  /** `namespace/name`, or `name` for cluster-scoped objects. */
  id?: string;
  namespace?: string;
  name?: string;
  state?: string;
  incompleteState?: boolean;
  error?: boolean;
  transitioning?: boolean;
  message?: string;
  /** A map from Fleet 0.12 on; older clusters serialise a list. */
  perClusterState: PerClusterState | LegacyPerClusterStateEntry[] | null;
}

/** `status.display` of GitRepo and HelmOp. */
export interface StatusDisplay {
  /** `"<ready>/<desired>"` */
  readyBundleDeployments?: string;
  state?: string;
  message?: string;
  error?: boolean;
}

/** Status fields shared (inlined) by GitRepo and HelmOp. */
export interface StatusBase {
  /** Clusters on which all of this object's BundleDeployments are ready. */
  readyClusters: number;
  /** Clusters with at least one of this object's BundleDeployments. */
  desiredReadyClusters: number;
  summary?: BundleSummary;
  display?: StatusDisplay;
  conditions?: Condition[];
  resources?: Resource[];
  resourceCounts?: ResourceCounts;
  /** Keyed by `"<clusterNamespace>/<clusterName>"`. */
  perClusterResourceCounts?: Record<string, ResourceCounts>;
}

// =================================================================================================
// Per-kind status (§1.2–§1.10)
// =================================================================================================

/** kstatus of the git Job; `Unknown`/`NotFound` are possible too. */
export type GitJobStatus = 'Current' | 'InProgress' | 'Failed' | 'Terminating' | 'Unknown' | 'NotFound';

export interface GitRepoStatus extends StatusBase {
  observedGeneration?: number;
  /** Last handled `spec.forceSyncGeneration`. */
  updateGeneration?: number;
  commit?: string;
  webhookCommit?: string;
  lastWebhookTime?: string;
  pollingCommit?: string;
  lastPollingTriggered?: string;
  gitJobStatus?: GitJobStatus | string;
  lastSyncedImageScanTime?: string;
}

export interface HelmOpStatus extends StatusBase {
  lastPollingTriggered?: string;
  /** The resolved chart version. */
  version?: string;
}

export interface PartitionStatus {
  name?: string;
  count?: number;
  maxUnavailable?: number;
  unavailable?: number;
  summary?: BundleSummary;
}

export interface ResourceKey {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
}

export interface BundleDisplay {
  /** `"<ready>/<desired>"` */
  readyClusters?: string;
  state?: string;
}

export interface BundleStatus {
  conditions?: Condition[];
  summary?: BundleSummary;
  newlyCreated?: number;
  unavailable?: number;
  unavailablePartitions?: number;
  maxUnavailable?: number;
  maxUnavailablePartitions?: number;
  partitions?: PartitionStatus[];
  display?: BundleDisplay;
  /** Deprecated. */
  resourceKey?: ResourceKey[];
  ociReference?: string;
  observedGeneration?: number;
  resourcesSha256Sum?: string;
}

export interface BundleDeploymentDisplay {
  /** Condition status text (`True`/`False`) or `Error: <message>`. */
  deployed?: string;
  monitored?: string;
  state?: string;
}

export interface BundleDeploymentResource {
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  createdAt?: string;
}

export interface BundleDeploymentStatus {
  conditions?: Condition[];
  appliedDeploymentID?: string;
  /** `<namespace>/<releaseName>:<revision>` */
  release?: string;
  ready?: boolean;
  nonModified?: boolean;
  nonReadyStatus?: NonReadyStatus[];
  modifiedStatus?: ModifiedStatus[];
  incompleteState?: boolean;
  display?: BundleDeploymentDisplay;
  syncGeneration?: number;
  resources?: BundleDeploymentResource[];
  resourceCounts?: ResourceCounts;
  downstreamResourcesGeneration?: number;
}

export interface ClusterDisplay {
  /** `"<ready>/<desired>"` */
  readyBundles?: string;
  /** Worst BundleState, `WaitCheckIn` before the first heartbeat, `""` when ready. */
  state?: string;
}

export interface AgentStatus {
  /** RFC 3339 time of the last heartbeat. */
  lastSeen?: string;
  namespace?: string;
}

export interface ClusterStatus {
  conditions?: Condition[];
  /** Namespace holding this cluster's BundleDeployments. */
  namespace?: string;
  summary?: BundleSummary;
  resourceCounts?: ResourceCounts;
  readyGitRepos?: number;
  desiredReadyGitRepos?: number;
  readyHelmOps?: number;
  desiredReadyHelmOps?: number;
  display?: ClusterDisplay;
  agent?: AgentStatus;
  agentEnvVarsHash?: string;
  agentPrivateRepoURL?: string;
  agentHostNetwork?: boolean;
  agentDeployedGeneration?: number;
  agentMigrated?: boolean;
  agentNamespaceMigrated?: boolean;
  cattleNamespaceMigrated?: boolean;
  agentAffinityHash?: string;
  agentResourcesHash?: string;
  agentTolerationsHash?: string;
  agentConfigChanged?: boolean;
  apiServerURL?: string;
  apiServerCAHash?: string;
  agentTLSMode?: 'system-store' | 'strict' | string;
  garbageCollectionInterval?: string;
  agentSchedulingCustomizationHash?: string;
  scheduled?: boolean;
  activeSchedule?: boolean;
}

export interface ClusterGroupDisplay {
  /** `"<ready>/<total>"`, followed by ` (a,b,…)` listing up to 10 non-ready clusters. */
  readyClusters?: string;
  readyBundles?: string;
  state?: string;
}

export interface ClusterGroupStatus {
  clusterCount?: number;
  nonReadyClusterCount?: number;
  nonReadyClusters?: string[];
  conditions?: Condition[];
  summary?: BundleSummary;
  display?: ClusterGroupDisplay;
  resourceCounts?: ResourceCounts;
}

export interface ClusterRegistrationStatus {
  clusterName?: string;
  granted?: boolean;
}

export interface ClusterRegistrationTokenStatus {
  expires?: string;
  secretName?: string;
}

export interface ImageScanStatus {
  conditions?: Condition[];
  lastScanTime?: string;
  latestImage?: string;
  latestTag?: string;
  latestDigest?: string;
  observedGeneration?: number;
  canonicalImageName?: string;
}

export interface ScheduleStatus {
  active?: boolean;
  nextStartTime?: string;
  conditions?: Condition[];
  matchingClusters?: string[];
}

export interface ContentStatus {
  referenceCount?: number;
}

// =================================================================================================
// Objects
// =================================================================================================

export type GitRepo = FleetObject<'GitRepo', GitRepoSpec, GitRepoStatus>;
export type Bundle = FleetObject<'Bundle', BundleSpec, BundleStatus>;
export type BundleDeployment = FleetObject<'BundleDeployment', BundleDeploymentSpec, BundleDeploymentStatus>;
export type Cluster = FleetObject<'Cluster', ClusterSpec, ClusterStatus>;
export type ClusterGroup = FleetObject<'ClusterGroup', ClusterGroupSpec, ClusterGroupStatus>;
export type ClusterRegistration = FleetObject<'ClusterRegistration', ClusterRegistrationSpec, ClusterRegistrationStatus>;
export type ClusterRegistrationToken = FleetObject<
  'ClusterRegistrationToken',
  ClusterRegistrationTokenSpec,
  ClusterRegistrationTokenStatus
>;
export type ImageScan = FleetObject<'ImageScan', ImageScanSpec, ImageScanStatus>;
export type HelmOp = FleetObject<'HelmOp', HelmOpSpec, HelmOpStatus>;
export type Schedule = FleetObject<'Schedule', ScheduleSpec, ScheduleStatus>;

/** Kinds whose fields live at the top level of the object (no `spec`). */
export type GitRepoRestriction = FleetObject<'GitRepoRestriction', never, never> & GitRepoRestrictionFields;
export type BundleNamespaceMapping = FleetObject<'BundleNamespaceMapping', never, never> &
  BundleNamespaceMappingFields;
export type Content = FleetObject<'Content', never, ContentStatus> & ContentFields;

/** Rancher's `management.cattle.io/v3` FleetWorkspace: cluster-scoped, name = namespace, no spec. */
export type FleetWorkspace = FleetObject<'FleetWorkspace', never, Record<string, never>>;
