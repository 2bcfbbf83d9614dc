/**
 * Fleet's targeting (§3): which clusters a Bundle lands on, with which options, plus the
 * namespace mappings and GitRepoRestrictions that widen or gate it.
 *
 * Matching follows Fleet's matcher exactly, including a subtle point: a target is evaluated once
 * per ClusterGroup the cluster belongs to (or once with no group), so `clusterGroup` and
 * `clusterGroupSelector` in the same target must hold for the *same* group.
 */
import { cloneJson, isJsonObject } from '../k8s/json-value';
import {
  labelSelectorToRequirements,
  matchesLabelSelector,
  matchesSelector,
  type Labels,
  type Requirement,
} from '../k8s/label-selector';
import {
  BUNDLE_LABEL,
  BUNDLE_NAMESPACE_LABEL,
  CLUSTER_DISPLAY_NAME_LABEL,
  CLUSTER_LABEL,
  CLUSTER_NAMESPACE_LABEL,
  DEFAULT_CLUSTER_GROUP,
  FLEET_LABEL_PREFIX,
  MANAGED_LABEL,
} from './labels';
import { bundleDeploymentOptionsSchema } from './schemas';
import type {
  Bundle,
  BundleDeploymentOptions,
  BundleNamespaceMapping,
  BundleSpec,
  BundleTarget,
  Cluster,
  ClusterGroup,
  ComparePatch,
  GitRepo,
  GitRepoRestriction,
  LabelSelector,
  ValuesFrom,
} from './types';

// =================================================================================================
// Targets
// =================================================================================================

/** The fields that select clusters (GitTarget, BundleTarget, restrictions, partitions, schedules). */
export interface TargetCriteria {
  name?: string;
  clusterName?: string;
  clusterSelector?: LabelSelector | null;
  clusterGroup?: string;
  clusterGroupSelector?: LabelSelector | null;
}

/** The target used when a GitRepo (or HelmOp) has none: the ClusterGroup named `default`. */
export function defaultTargets(): { name: string; clusterGroup: string }[] {
  return [{ name: 'default', clusterGroup: DEFAULT_CLUSTER_GROUP }];
}

/** Names unnamed targets after their position: `target000`, `target001`, … (returns copies). */
export function nameUnnamedTargets<T extends { name?: string }>(targets: readonly T[]): T[] {
  return targets.map((target, index) =>
    target.name ? target : { ...target, name: `target${String(index).padStart(3, '0')}` },
  );
}

/** Thrown when a target or restriction carries a selector Fleet cannot convert. */
export class TargetSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetSelectorError';
  }
}

type ClusterLike = Pick<Cluster, 'metadata'>;
type ClusterGroupLike = Pick<ClusterGroup, 'metadata'>;

/**
 * The ClusterGroups a cluster belongs to: those in its namespace whose `spec.selector` matches
 * the cluster's labels. A group without selector matches no cluster, `{}` matches every cluster;
 * a selector that cannot be converted matches nothing.
 */
export function clusterGroupsForCluster<G extends Pick<ClusterGroup, 'metadata' | 'spec'>>(
  cluster: ClusterLike,
  groups: readonly G[],
): G[] {
  const namespace = cluster.metadata.namespace;
  return groups.filter((group) => {
    if (namespace !== undefined && group.metadata.namespace !== undefined && group.metadata.namespace !== namespace) {
      return false;
    }
    return matchesLabelSelector(group.spec?.selector, cluster.metadata.labels, { nilMatches: 'nothing' });
  });
}

interface MatchContext {
  clusterName: string;
  clusterLabels: Labels | undefined;
  groupName: string;
  groupLabels: Labels | undefined;
}

type Criterion = (context: MatchContext) => boolean;
type CompiledCriteria = (context: MatchContext) => boolean;

function toRequirements(selector: LabelSelector): Requirement[] {
  try {
    return labelSelectorToRequirements(selector);
  } catch (error) {
    throw new TargetSelectorError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Compiles a target's criteria (Fleet's `NewClusterMatcher`): empty strings and nil selectors are
 * dropped, the rest must all hold, and a target without criteria matches nothing.
 */
function compileCriteria(target: TargetCriteria): CompiledCriteria {
  const criteria: Criterion[] = [];
  const { clusterName, clusterGroup, clusterGroupSelector, clusterSelector } = target;
  if (clusterName) {
    criteria.push(
      ({ clusterName: name, clusterLabels }) =>
        clusterName === name ||
        (clusterLabels !== undefined &&
          Object.prototype.hasOwnProperty.call(clusterLabels, CLUSTER_DISPLAY_NAME_LABEL) &&
          clusterLabels[CLUSTER_DISPLAY_NAME_LABEL] === clusterName),
    );
  }
  if (clusterGroup) criteria.push(({ groupName }) => groupName === clusterGroup);
  if (clusterGroupSelector !== undefined && clusterGroupSelector !== null) {
    const requirements = toRequirements(clusterGroupSelector);
    criteria.push(({ groupLabels }) => matchesSelector(requirements, groupLabels));
  }
  if (clusterSelector !== undefined && clusterSelector !== null) {
    const requirements = toRequirements(clusterSelector);
    criteria.push(({ clusterLabels }) => matchesSelector(requirements, clusterLabels));
  }
  if (criteria.length === 0) return () => false;
  return (context) => criteria.every((criterion) => criterion(context));
}

/** One evaluation per group the cluster is in, or a single one with no group. */
function matchContexts(cluster: ClusterLike, groups: readonly ClusterGroupLike[]): MatchContext[] {
  const base = { clusterName: cluster.metadata.name, clusterLabels: cluster.metadata.labels };
  if (groups.length === 0) return [{ ...base, groupName: '', groupLabels: undefined }];
  return groups.map((group) => ({ ...base, groupName: group.metadata.name, groupLabels: group.metadata.labels }));
}

/**
 * Whether one target selects `cluster`, given the ClusterGroups the cluster belongs to (see
 * {@link clusterGroupsForCluster}). `clusterName` also matches the Rancher display-name label,
 * `clusterGroupSelector` matches group labels, `clusterSelector: {}` matches everything, a target
 * without criteria matches nothing, and an unconvertible selector matches nothing.
 */
export function targetMatchesCluster(
  target: TargetCriteria,
  cluster: ClusterLike,
  groupsOfCluster: readonly ClusterGroupLike[],
): boolean {
  let criteria: CompiledCriteria;
  try {
    criteria = compileCriteria(target);
  } catch {
    return false;
  }
  return matchContexts(cluster, groupsOfCluster).some(criteria);
}

// =================================================================================================
// Bundle → cluster matching (0.16)
// =================================================================================================

const OPTION_KEYS: readonly string[] = Object.keys(bundleDeploymentOptionsSchema.shape);

/**
 * The BundleDeploymentOptions part of a Bundle spec or target (Go's embedded struct): only the
 * option fields, deep-copied; target criteria and bundle-only fields are left out.
 */
export function bundleDeploymentOptionsOf(source: object | undefined): BundleDeploymentOptions {
  const options: Record<string, unknown> = {};
  if (!source) return options as BundleDeploymentOptions;
  const record = source as Record<string, unknown>;
  for (const key of OPTION_KEYS) {
    if (record[key] !== undefined) options[key] = cloneJson(record[key]);
  }
  return options as BundleDeploymentOptions;
}

export interface BundleClusterMatch {
  /** The target Fleet picked (first target matching the cluster while a restriction admits it). */
  target: BundleTarget;
  /** Its name (`target000`-style after {@link nameUnnamedTargets}). */
  targetName: string;
  /** The targets whose options were merged over the bundle options, in order. */
  customizations: BundleTarget[];
  /** Bundle root options merged with the customization options. */
  options: BundleDeploymentOptions;
  /** No BundleDeployment must be created for this cluster. */
  doNotDeploy: boolean;
}

export interface BundleMatchOptions {
  /** The aggregated `allowedTargetNamespaceSelector` of the GitRepo's restrictions, if any. */
  allowedTargetNamespaceSelector?: LabelSelector;
}

export interface BundleMatcher {
  match(cluster: ClusterLike, groupsOfCluster: readonly ClusterGroupLike[], options?: BundleMatchOptions): BundleClusterMatch | undefined;
}

/**
 * Compiles a Bundle spec's targets and restrictions once, to match many clusters (Fleet's
 * `matcher.New`). Throws {@link TargetSelectorError} if any selector cannot be converted — Fleet
 * then fails the whole Bundle.
 */
export function createBundleMatcher(spec: BundleSpec): BundleMatcher {
  const targets = spec.targets ?? [];
  const compiledTargets = targets.map((target) => ({ target, criteria: compileCriteria(target) }));
  const restrictions = (spec.targetRestrictions ?? []).map((restriction) => compileCriteria(restriction));
  const rootOptions = bundleDeploymentOptionsOf(spec);
  const allMatches = spec.targetCustomizationMode === 'AllMatches';

  // A cluster (in one group context) passes when there are no restrictions at all (CLI/HelmOp
  // bundles) or when at least one restriction selects it.
  const admitted = (context: MatchContext) =>
    restrictions.length === 0 || restrictions.some((restriction) => restriction(context));

  return {
    match(cluster, groupsOfCluster, options = {}) {
      const contexts = matchContexts(cluster, groupsOfCluster);
      const chosen = compiledTargets.find(({ criteria }) =>
        contexts.some((context) => admitted(context) && criteria(context)),
      );
      if (!chosen) return undefined;

      const matching = compiledTargets.filter(({ criteria }) => contexts.some(criteria)).map(({ target }) => target);
      const customizations = allMatches ? matching : matching.slice(0, 1);
      let merged = rootOptions;
      for (const customization of customizations) {
        merged = mergeBundleDeploymentOptions(merged, bundleDeploymentOptionsOf(customization));
      }
      if (options.allowedTargetNamespaceSelector) {
        merged = { ...merged, allowedTargetNamespaceSelector: cloneJson(options.allowedTargetNamespaceSelector) };
      }
      return {
        target: chosen.target,
        targetName: chosen.target.name ?? '',
        customizations,
        options: merged,
        // Any matching target with doNotDeploy wins, not only the first match (Fleet closes the
        // first-match bypass this way).
        doNotDeploy: chosen.target.doNotDeploy === true || matching.some((target) => target.doNotDeploy === true),
      };
    },
  };
}

/**
 * Matches a Bundle against one cluster (Fleet 0.16 target builder):
 * 1. the first target that selects the cluster while at least one `targetRestrictions` entry
 *    (the GitRepo targets) admits it — no match means no BundleDeployment (`undefined`); bundles
 *    without restrictions treat every target as a regular target;
 * 2. customization: `FirstMatch` (default) takes the options of the first target matching the
 *    cluster, `AllMatches` merges every matching target's options in order;
 * 3. options = {@link mergeBundleDeploymentOptions}(bundle options, customization options);
 * 4. `doNotDeploy` when the chosen target or any matching target says so.
 * Helm values templating (`${ }`) is not part of this.
 */
export function matchBundleForCluster(
  spec: BundleSpec,
  cluster: ClusterLike,
  groupsOfCluster: readonly ClusterGroupLike[],
  options?: BundleMatchOptions,
): BundleClusterMatch | undefined {
  return createBundleMatcher(spec).match(cluster, groupsOfCluster, options);
}

// =================================================================================================
// Option merging (Fleet's options.Merge)
// =================================================================================================

/**
 * Fleet's `merge.ByKey` with "custom wins": a custom entry replaces the base entry with the same
 * non-empty key (the last base entry of that key), custom duplicates collapse to the first one,
 * unmatched and key-less entries are appended.
 */
function mergeByKey<T>(base: readonly T[], custom: readonly T[], keyOf: (item: T) => string): T[] {
  if (custom.length === 0) return [...base];
  const baseIndex = new Map<string, number>();
  base.forEach((item, index) => {
    const key = keyOf(item);
    if (key !== '') baseIndex.set(key, index);
  });
  const result = [...base];
  const seen = new Set<string>();
  for (const item of custom) {
    const key = keyOf(item);
    if (key !== '') {
      if (seen.has(key)) continue;
      seen.add(key);
      const index = baseIndex.get(key);
      if (index !== undefined) {
        result[index] = item;
        continue;
      }
    }
    result.push(item);
  }
  return result;
}

function valuesFromKey(valuesFrom: ValuesFrom): string {
  const configMap = valuesFrom.configMapKeyRef;
  if (configMap !== undefined && configMap !== null) {
    return `configmap|${configMap.namespace ?? ''}|${configMap.name ?? ''}|${configMap.key ?? ''}`;
  }
  const secret = valuesFrom.secretKeyRef;
  if (secret !== undefined && secret !== null) {
    return `secret|${secret.namespace ?? ''}|${secret.name ?? ''}|${secret.key ?? ''}`;
  }
  return '';
}

const comparePatchKey = (patch: ComparePatch) =>
  `${patch.apiVersion ?? ''}|${patch.kind ?? ''}|${patch.namespace ?? ''}|${patch.name ?? ''}`;

const downstreamResourceKey = (resource: { kind?: string; name?: string }) =>
  `${(resource.kind ?? '').toLowerCase()}|${resource.name ?? ''}`;

/** wrangler's `data.MergeMaps`: nested maps merge recursively, anything else is replaced. */
export function mergeValues(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = result[key];
    result[key] = isJsonObject(current) && isJsonObject(value) ? mergeValues(current, value) : cloneJson(value);
  }
  return result;
}

const HELM_OR_FLAGS = ['force', 'atomic', 'takeOwnership', 'disablePreProcess', 'waitForJobs', 'disableDNS'] as const;
const HELM_OVERRIDE_STRINGS = ['repo', 'chart', 'version', 'releaseName'] as const;

/**
 * Fleet's `options.Merge(base, custom)` — how a target customization changes the bundle options:
 * - `defaultNamespace`, `namespace`, `serviceAccount`: replaced when the custom value is non-empty
 *   (Fleet's `"-"` branch is unreachable, so `"-"` is applied literally like any other value);
 * - `helm` (only if the custom has one): `timeoutSeconds` replaced when > 0, cleared when < 0;
 *   `values` deep-merged; `templateValues` merged by key; `valuesFrom` merged by config map /
 *   secret reference; `repo`, `chart`, `version`, `releaseName` replaced when non-empty;
 *   `force`, `atomic`, `takeOwnership`, `disablePreProcess`, `waitForJobs`, `disableDNS` OR'ed;
 *   every other Helm field keeps the base value;
 * - `kustomize.dir` replaced when non-empty; `diff.comparePatches` merged by
 *   apiVersion/kind/namespace/name; `yaml.overlays` appended;
 * - `forceSyncGeneration` replaced when > 0; `keepResources` OR'ed; `correctDrift` replaced;
 * - `downstreamResources` merged by kind (case-insensitive) and name;
 * - `namespaceLabels` / `namespaceAnnotations` merged by key.
 * Other fields (`createNamespace`, `deleteNamespace`, `deleteCRDResources`, `ignore`, …) keep the
 * base value. Inputs are not modified; fields that are not options are dropped.
 */
export function mergeBundleDeploymentOptions(
  base: BundleDeploymentOptions | undefined,
  custom: BundleDeploymentOptions | undefined,
): BundleDeploymentOptions {
  const result = bundleDeploymentOptionsOf(base);
  const c = bundleDeploymentOptionsOf(custom);

  if (c.defaultNamespace) result.defaultNamespace = c.defaultNamespace;
  if (c.namespace) result.namespace = c.namespace;
  if (c.serviceAccount) result.serviceAccount = c.serviceAccount;

  if (c.helm !== undefined && c.helm !== null) {
    const helm = { ...(result.helm ?? {}) };
    const ch = c.helm;
    const timeout = ch.timeoutSeconds ?? 0;
    if (timeout > 0) helm.timeoutSeconds = timeout;
    else if (timeout < 0) delete helm.timeoutSeconds;
    if (helm.values === undefined || helm.values === null) {
      if (ch.values !== undefined) helm.values = ch.values;
    } else if (ch.values !== undefined && ch.values !== null) {
      helm.values = mergeValues(helm.values, ch.values);
    }
    if (helm.templateValues === undefined || helm.templateValues === null) {
      if (ch.templateValues !== undefined) helm.templateValues = ch.templateValues;
    } else if (ch.templateValues !== undefined && ch.templateValues !== null) {
      helm.templateValues = { ...helm.templateValues, ...ch.templateValues };
    }
    if (ch.valuesFrom && ch.valuesFrom.length > 0) {
      helm.valuesFrom = mergeByKey(helm.valuesFrom ?? [], ch.valuesFrom, valuesFromKey);
    }
    for (const key of HELM_OVERRIDE_STRINGS) {
      const value = ch[key];
      if (value) helm[key] = value;
    }
    for (const key of HELM_OR_FLAGS) {
      if (ch[key] === true) helm[key] = true;
    }
    result.helm = helm;
  }

  if (c.kustomize !== undefined && c.kustomize !== null) {
    result.kustomize = { ...(result.kustomize ?? {}) };
    if (c.kustomize.dir) result.kustomize.dir = c.kustomize.dir;
  }

  if (c.diff !== undefined && c.diff !== null) {
    const diff = { ...(result.diff ?? {}) };
    const patches = c.diff.comparePatches ?? [];
    if (patches.length > 0) diff.comparePatches = mergeByKey(diff.comparePatches ?? [], patches, comparePatchKey);
    result.diff = diff;
  }

  if (c.yaml !== undefined && c.yaml !== null) {
    const yaml = { ...(result.yaml ?? {}) };
    const overlays = c.yaml.overlays ?? [];
    if (overlays.length > 0) yaml.overlays = [...(yaml.overlays ?? []), ...overlays];
    result.yaml = yaml;
  }

  if ((c.forceSyncGeneration ?? 0) > 0) result.forceSyncGeneration = c.forceSyncGeneration;
  if (c.keepResources === true) result.keepResources = true;
  if (c.correctDrift !== undefined && c.correctDrift !== null) result.correctDrift = c.correctDrift;

  if (c.downstreamResources && c.downstreamResources.length > 0) {
    result.downstreamResources = mergeByKey(result.downstreamResources ?? [], c.downstreamResources, downstreamResourceKey);
  }
  if (c.namespaceLabels && Object.keys(c.namespaceLabels).length > 0) {
    result.namespaceLabels = { ...(result.namespaceLabels ?? {}), ...c.namespaceLabels };
  }
  if (c.namespaceAnnotations && Object.keys(c.namespaceAnnotations).length > 0) {
    result.namespaceAnnotations = { ...(result.namespaceAnnotations ?? {}), ...c.namespaceAnnotations };
  }
  return result;
}

// =================================================================================================
// BundleDeployment labels (§4.3)
// =================================================================================================

/**
 * wrangler's `CleanAnnotationsForExport`: drops keys starting with `kubectl.kubernetes.io/` or
 * containing `cattle.io/`.
 */
export function cleanLabelsForExport(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith('kubectl.kubernetes.io/') || key.includes('cattle.io/')) continue;
    result[key] = value;
  }
  return result;
}

/**
 * Labels of the BundleDeployment of `bundle` on a cluster: the bundle labels without
 * `*cattle.io/*` and `kubectl.kubernetes.io/*` keys, then every `fleet.cattle.io/*` bundle label
 * again, plus bundle name/namespace, `managed=true` and the cluster namespace/name.
 */
export function bundleDeploymentLabels(
  bundle: Pick<Bundle, 'metadata'>,
  clusterNamespace: string,
  clusterName: string,
): Record<string, string> {
  const source = bundle.metadata.labels ?? {};
  const labels = cleanLabelsForExport(source);
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith(FLEET_LABEL_PREFIX)) labels[key] = value;
  }
  labels[BUNDLE_LABEL] = bundle.metadata.name;
  labels[BUNDLE_NAMESPACE_LABEL] = bundle.metadata.namespace ?? '';
  labels[MANAGED_LABEL] = 'true';
  labels[CLUSTER_NAMESPACE_LABEL] = clusterNamespace;
  labels[CLUSTER_LABEL] = clusterName;
  return labels;
}

// =================================================================================================
// BundleNamespaceMapping
// =================================================================================================

type MappingLike = Pick<BundleNamespaceMapping, 'metadata' | 'bundleSelector' | 'namespaceSelector'>;
type NamespaceLike = { metadata: { name: string; labels?: Record<string, string> } };

function compileMapping(mapping: MappingLike): { bundle: Requirement[]; namespace: Requirement[] } | undefined {
  if (!mapping.bundleSelector || !mapping.namespaceSelector) return undefined;
  try {
    return {
      bundle: labelSelectorToRequirements(mapping.bundleSelector),
      namespace: labelSelectorToRequirements(mapping.namespaceSelector),
    };
  } catch {
    return undefined; // Fleet logs "invalid BundleNamespaceMapping" and skips it
  }
}

/** Whether a mapping applies to a bundle: same namespace, both selectors set, bundle labels match. */
export function bundleMappingMatches(mapping: MappingLike, bundle: Pick<Bundle, 'metadata'>): boolean {
  if (mapping.metadata.namespace !== bundle.metadata.namespace) return false;
  const compiled = compileMapping(mapping);
  return compiled !== undefined && matchesSelector(compiled.bundle, bundle.metadata.labels);
}

/**
 * The namespaces whose Clusters a Bundle may target, sorted: its own namespace plus every
 * namespace selected by a matching BundleNamespaceMapping of the bundle's namespace. Mappings
 * lacking either selector, or with an unconvertible one, have no effect.
 */
export function namespacesForBundle(
  bundle: Pick<Bundle, 'metadata'>,
  mappings: readonly MappingLike[],
  namespaces: readonly NamespaceLike[],
): string[] {
  const result = new Set<string>([bundle.metadata.namespace ?? '']);
  for (const mapping of mappings) {
    if (!bundleMappingMatches(mapping, bundle)) continue;
    const compiled = compileMapping(mapping);
    if (!compiled) continue;
    for (const namespace of namespaces) {
      if (matchesSelector(compiled.namespace, namespace.metadata.labels)) result.add(namespace.metadata.name);
    }
  }
  return [...result].sort();
}

// =================================================================================================
// GitRepoRestriction
// =================================================================================================

type RestrictionLike = Pick<
  GitRepoRestriction,
  | 'metadata'
  | 'defaultServiceAccount'
  | 'allowedServiceAccounts'
  | 'allowedRepoPatterns'
  | 'defaultClientSecretName'
  | 'allowedClientSecretNames'
  | 'allowedTargetNamespaces'
  | 'allowedTargetNamespaceSelector'
>;

export interface AggregatedRestriction {
  defaultServiceAccount: string;
  defaultClientSecretName: string;
  allowedServiceAccounts: string[];
  allowedClientSecretNames: string[];
  allowedRepoPatterns: string[];
  allowedTargetNamespaces: string[];
  allowedTargetNamespaceSelector?: LabelSelector;
}

/**
 * Fleet's `labelselectors.Merge`: nil selectors are skipped; `matchLabels` are merged (last value
 * wins); identical `matchExpressions` (same key, operator and values) are kept once.
 */
export function mergeLabelSelectors(...selectors: (LabelSelector | null | undefined)[]): LabelSelector | undefined {
  let result: LabelSelector | undefined;
  for (const selector of selectors) {
    if (selector === undefined || selector === null) continue;
    if (result === undefined) {
      result = cloneJson(selector);
      continue;
    }
    result.matchLabels = { ...(result.matchLabels ?? {}), ...(selector.matchLabels ?? {}) };
    const incoming = selector.matchExpressions ?? [];
    if (incoming.length === 0) continue;
    const key = (expression: { key: string; operator: string; values?: string[] }) =>
      [expression.key, expression.operator, (expression.values ?? []).join(',')].join('|');
    const expressions = [...(result.matchExpressions ?? [])];
    const seen = new Set(expressions.map(key));
    for (const expression of incoming) {
      if (seen.has(key(expression))) continue;
      seen.add(key(expression));
      expressions.push(cloneJson(expression));
    }
    result.matchExpressions = expressions;
  }
  return result;
}

/**
 * Aggregates all GitRepoRestrictions of a namespace (Fleet's `aggregate`): sorted by name, the
 * first non-empty default wins, allow-lists are concatenated, namespace selectors merged.
 */
export function aggregateRestrictions(restrictions: readonly RestrictionLike[]): AggregatedRestriction {
  const sorted = [...restrictions].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const result: AggregatedRestriction = {
    defaultServiceAccount: '',
    defaultClientSecretName: '',
    allowedServiceAccounts: [],
    allowedClientSecretNames: [],
    allowedRepoPatterns: [],
    allowedTargetNamespaces: [],
  };
  let selector: LabelSelector | undefined;
  for (const restriction of sorted) {
    if (!result.defaultServiceAccount) result.defaultServiceAccount = restriction.defaultServiceAccount ?? '';
    if (!result.defaultClientSecretName) result.defaultClientSecretName = restriction.defaultClientSecretName ?? '';
    result.allowedServiceAccounts.push(...(restriction.allowedServiceAccounts ?? []));
    result.allowedClientSecretNames.push(...(restriction.allowedClientSecretNames ?? []));
    result.allowedRepoPatterns.push(...(restriction.allowedRepoPatterns ?? []));
    result.allowedTargetNamespaces.push(...(restriction.allowedTargetNamespaces ?? []));
    selector = mergeLabelSelectors(selector, restriction.allowedTargetNamespaceSelector);
  }
  if (selector) result.allowedTargetNamespaceSelector = selector;
  return result;
}

export interface RestrictionResult {
  /** `false` ⇒ the GitRepo gets `Accepted=False` with {@link message} and no job/bundles. */
  accepted: boolean;
  message?: string;
  /** The GitRepo fields after defaults were filled in (the input values when rejected). */
  effective: { serviceAccount: string; clientSecretName: string; targetNamespace: string; repo: string };
  /** To be propagated to the Bundle targets/BDs (checked downstream by the agent). */
  allowedTargetNamespaceSelector?: LabelSelector;
}

/** Go's `%v` of a string slice: `[a b c]`. */
const goList = (values: readonly string[]) => `[${values.join(' ')}]`;

function isAllowed(current: string, fallback: string, allowed: readonly string[]): { value: string; error?: string } {
  if (current === '') return { value: fallback };
  if (allowed.length === 0 || allowed.includes(current)) return { value: current };
  return { value: current, error: `${current} not in allowed set ${goList(allowed)}` };
}

/** Compiles a Go (RE2) pattern with JavaScript's engine, translating a leading `(?flags)` group. */
function compileGoPattern(pattern: string): RegExp {
  const inline = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!inline) return new RegExp(pattern);
  const flags = [...new Set((inline[1] ?? '').replace(/U/g, ''))].join('');
  return new RegExp(pattern.slice(inline[0].length), flags);
}

function isAllowedByRegex(current: string, patterns: readonly string[]): { value: string; error?: string } {
  if (current === '' || patterns.length === 0) return { value: current };
  for (const pattern of patterns) {
    if (pattern === current) return { value: current };
    let regex: RegExp;
    try {
      regex = compileGoPattern(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { value: current, error: `GitRepoRestriction failed to compile regex '${pattern}': ${reason}` };
    }
    if (regex.test(current)) return { value: current };
  }
  return { value: current, error: `${current} not in allowed set ${goList(patterns)}` };
}

/**
 * Applies the GitRepoRestrictions of the GitRepo's namespace (Fleet's
 * `AuthorizeAndAssignDefaults`, GitRepoRestriction part). Checks, in Fleet's order:
 * 1. `allowedTargetNamespaces` present and `targetNamespace` empty → `empty targetNamespace
 *    denied, because allowedTargetNamespaces restriction is present`;
 * 2. `allowedTargetNamespaceSelector` present and `targetNamespace` empty → `… because
 *    allowedTargetNamespaceSelector restriction is present`;
 * 3. `disallowed targetNamespace <ns>: <ns> not in allowed set [a b]`;
 * 4. `disallowed serviceAccount <sa>: …` (an empty SA takes `defaultServiceAccount`, unchecked);
 * 5. `disallowed repo <url>: …` (patterns are unanchored regexes; an exact string also matches);
 * 6. `disallowed clientSecretName <name>: …` (an empty name takes `defaultClientSecretName`).
 * Without restrictions everything is accepted unchanged.
 */
export function evaluateRestrictions(
  gitRepo: Pick<GitRepo, 'spec'>,
  restrictions: readonly RestrictionLike[],
): RestrictionResult {
  const spec = gitRepo.spec;
  const input = {
    serviceAccount: spec?.serviceAccount ?? '',
    clientSecretName: spec?.clientSecretName ?? '',
    targetNamespace: spec?.targetNamespace ?? '',
    repo: spec?.repo ?? '',
  };
  if (restrictions.length === 0) return { accepted: true, effective: input };

  const aggregated = aggregateRestrictions(restrictions);
  const selector = aggregated.allowedTargetNamespaceSelector;
  const reject = (message: string): RestrictionResult => ({
    accepted: false,
    message,
    effective: input,
    ...(selector ? { allowedTargetNamespaceSelector: selector } : {}),
  });

  if (aggregated.allowedTargetNamespaces.length > 0 && input.targetNamespace === '') {
    return reject('empty targetNamespace denied, because allowedTargetNamespaces restriction is present');
  }
  if (selector && input.targetNamespace === '') {
    return reject('empty targetNamespace denied, because allowedTargetNamespaceSelector restriction is present');
  }
  const targetNamespace = isAllowed(input.targetNamespace, '', aggregated.allowedTargetNamespaces);
  if (targetNamespace.error) return reject(`disallowed targetNamespace ${input.targetNamespace}: ${targetNamespace.error}`);
  const serviceAccount = isAllowed(input.serviceAccount, aggregated.defaultServiceAccount, aggregated.allowedServiceAccounts);
  if (serviceAccount.error) return reject(`disallowed serviceAccount ${input.serviceAccount}: ${serviceAccount.error}`);
  const repo = isAllowedByRegex(input.repo, aggregated.allowedRepoPatterns);
  if (repo.error) return reject(`disallowed repo ${input.repo}: ${repo.error}`);
  const clientSecretName = isAllowed(
    input.clientSecretName,
    aggregated.defaultClientSecretName,
    aggregated.allowedClientSecretNames,
  );
  if (clientSecretName.error) return reject(`disallowed clientSecretName ${input.clientSecretName}: ${clientSecretName.error}`);

  return {
    accepted: true,
    effective: {
      serviceAccount: serviceAccount.value,
      clientSecretName: clientSecretName.value,
      targetNamespace: targetNamespace.value,
      repo: repo.value,
    },
    ...(selector ? { allowedTargetNamespaceSelector: selector } : {}),
  };
}
