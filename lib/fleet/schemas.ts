/**
 * zod schemas for the Fleet kinds, shaped after the openAPIV3Schema of Fleet's CRDs, and the
 * validation entry point the embedded API server uses (`validateFleetObject`).
 *
 * Conventions:
 * - Every object schema is loose: fields we do not model are kept, because real clusters may run a
 *   newer Fleet than this file describes.
 * - Only constraints the CRDs actually declare are enforced (types, `required`, `minLength`,
 *   `maxLength`, `pattern`, `enum`, `format: byte`, the CEL duration rule). Label selectors are
 *   additionally checked with Kubernetes' selector rules (operators, label syntax), and durations
 *   with the CRDs' CEL rule, through the shared validators in `lib/k8s`.
 * - zod issues become Kubernetes field errors in exactly one place: {@link zodIssuesToFieldErrors}.
 */
import { z } from 'zod';

import { validateFleetDuration } from '../k8s/duration';
import {
  invalid,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
  type FieldError,
} from '../k8s/field-errors';
import { validateLabelSelector } from '../k8s/label-selector';
import { FLEET_RESOURCES, type FleetKind } from './resources';

// =================================================================================================
// Delegated checks
// =================================================================================================

/**
 * A custom zod issue produced by {@link withFieldValidator}. zod does not tell a refinement where
 * in the document it runs, so the issue carries a function that produces the field errors once
 * the converter knows the full path.
 */
const DEFERRED_KEY = 'fleetFieldErrors';
type DeferredFieldErrors = (fieldPath: string) => FieldError[];

/**
 * Attaches a field validator (written against Kubernetes field paths) to a schema. It runs only
 * when the value already has the right shape (zod skips refinements after earlier issues), so a
 * value never gets both a type error and a semantic error.
 */
export function withFieldValidator<T extends z.ZodType>(
  schema: T,
  validate: (value: z.output<T>, fieldPath: string) => FieldError[],
): T {
  return schema.superRefine((value, ctx) => {
    const probe = validate(value, '');
    if (probe.length === 0) return;
    const deferred: DeferredFieldErrors = (fieldPath) => validate(value, fieldPath);
    ctx.addIssue({
      code: 'custom',
      message: probe.map((error) => error.message).join('; '),
      input: value,
      params: { [DEFERRED_KEY]: deferred },
    });
  });
}

// =================================================================================================
// Primitive building blocks (named after the OpenAPI types they stand for)
// =================================================================================================

/** OpenAPI `integer` (int32/int64; JSON numbers without a fraction). */
const integer = () => z.int();

/** `map[string]string` */
const stringMap = () => z.record(z.string(), z.string());

/** An object with `x-kubernetes-preserve-unknown-fields` (Helm values, template values, …). */
const freeObject = () => z.record(z.string(), z.unknown());

/** `x-kubernetes-int-or-string` (e.g. `maxUnavailable: 10%` or `maxUnavailable: 2`). */
const intOrString = () => z.union([z.int(), z.string()]);

/** Go's `base64.StdEncoding`, which also skips CR and LF while decoding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `format: byte` — a `[]byte` field, base64-encoded in JSON. */
export const base64Schema = withFieldValidator(z.string(), (value, fieldPath) =>
  BASE64.test(value.replace(/[\r\n]/g, ''))
    ? []
    : [
        {
          type: 'FieldValueTypeInvalid',
          field: fieldPath,
          message: `Invalid value: ${JSON.stringify(value)}: ${fieldPath} in body must be of type byte: ${JSON.stringify(value)}`,
        },
      ],
);

/**
 * A Fleet duration field (`pollingInterval`, `imageScanInterval`, `ttl`, `interval`, `duration`):
 * a Go duration string of 1–32 characters, checked like the CRDs' CEL rule.
 */
export const durationSchema = withFieldValidator(z.string(), (value, fieldPath) =>
  validateFleetDuration(value, fieldPath),
);

// =================================================================================================
// Label selectors
// =================================================================================================

export const labelSelectorRequirementSchema = z.looseObject({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});

/** `metav1.LabelSelector`, validated with Kubernetes' selector rules. */
export const labelSelectorSchema = withFieldValidator(
  z.looseObject({
    matchLabels: stringMap().optional(),
    matchExpressions: z.array(labelSelectorRequirementSchema).optional(),
  }),
  (value, fieldPath) => validateLabelSelector(value, fieldPath),
);

export type LabelSelector = z.infer<typeof labelSelectorSchema>;
export type LabelSelectorRequirement = z.infer<typeof labelSelectorRequirementSchema>;

// =================================================================================================
// BundleDeploymentOptions and friends (shared by Bundle, HelmOp, BundleDeployment)
// =================================================================================================

export const correctDriftSchema = z.looseObject({
  enabled: z.boolean().optional(),
  force: z.boolean().optional(),
  keepFailHistory: z.boolean().optional(),
});

/** The CRDs' pattern for `helm.releaseName` (a DNS-1123 subdomain). */
export const HELM_RELEASE_NAME_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const HELM_RELEASE_NAME_MAX_LENGTH = 53;

const keyRefSchema = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  key: z.string().optional(),
});

export const valuesFromSchema = z.looseObject({
  configMapKeyRef: keyRefSchema.optional(),
  secretKeyRef: keyRefSchema.optional(),
});

export const helmOptionsSchema = z.looseObject({
  chart: z.string().optional(),
  repo: z.string().optional(),
  releaseName: z
    .string()
    .max(HELM_RELEASE_NAME_MAX_LENGTH)
    .regex(new RegExp(HELM_RELEASE_NAME_PATTERN))
    .optional(),
  version: z.string().optional(),
  timeoutSeconds: integer().optional(),
  values: freeObject().optional(),
  templateValues: stringMap().optional(),
  valuesFiles: z.array(z.string()).optional(),
  valuesFrom: z.array(valuesFromSchema).optional(),
  force: z.boolean().optional(),
  takeOwnership: z.boolean().optional(),
  maxHistory: integer().optional(),
  waitForJobs: z.boolean().optional(),
  atomic: z.boolean().optional(),
  disablePreProcess: z.boolean().optional(),
  disableDNS: z.boolean().optional(),
  skipSchemaValidation: z.boolean().optional(),
  disableDependencyUpdate: z.boolean().optional(),
});

export const comparePatchOperationSchema = z.looseObject({
  op: z.string().optional(),
  path: z.string().optional(),
  value: z.string().optional(),
});

export const comparePatchSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  jsonPointers: z.array(z.string()).optional(),
  operations: z.array(comparePatchOperationSchema).optional(),
});

const kindNameSchema = z.looseObject({ kind: z.string().optional(), name: z.string().optional() });

const bundleDeploymentOptionsShape = {
  defaultNamespace: z.string().optional(),
  namespace: z.string().optional(),
  kustomize: z.looseObject({ dir: z.string().optional() }).optional(),
  helm: helmOptionsSchema.optional(),
  serviceAccount: z.string().optional(),
  createNamespace: z.boolean().optional(),
  forceSyncGeneration: integer().optional(),
  yaml: z.looseObject({ overlays: z.array(z.string()).optional() }).optional(),
  diff: z.looseObject({ comparePatches: z.array(comparePatchSchema).optional() }).optional(),
  keepResources: z.boolean().optional(),
  deleteCRDResources: z.boolean().optional(),
  ignore: z.looseObject({ conditions: z.array(stringMap()).optional() }).optional(),
  correctDrift: correctDriftSchema.optional(),
  namespaceLabels: stringMap().optional(),
  namespaceAnnotations: stringMap().optional(),
  deleteNamespace: z.boolean().optional(),
  downstreamResources: z.array(kindNameSchema).optional(),
  overwrites: z
    .array(z.looseObject({ kind: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() }))
    .optional(),
  allowedTargetNamespaceSelector: labelSelectorSchema.optional(),
};

export const bundleDeploymentOptionsSchema = z.looseObject(bundleDeploymentOptionsShape);

/** The target criteria shared by GitRepo targets, Bundle targets/restrictions, partitions, schedules. */
const targetCriteriaShape = {
  name: z.string().optional(),
  clusterName: z.string().optional(),
  clusterSelector: labelSelectorSchema.optional(),
  clusterGroup: z.string().optional(),
  clusterGroupSelector: labelSelectorSchema.optional(),
};

export const bundleTargetSchema = z.looseObject({
  ...bundleDeploymentOptionsShape,
  ...targetCriteriaShape,
  doNotDeploy: z.boolean().optional(),
});

export const bundleTargetRestrictionSchema = z.looseObject(targetCriteriaShape);

export const partitionSpecSchema = z.looseObject({
  ...targetCriteriaShape,
  maxUnavailable: intOrString().optional(),
});

export const rolloutStrategySchema = z.looseObject({
  maxUnavailable: intOrString().optional(),
  maxUnavailablePartitions: intOrString().optional(),
  autoPartitionSize: intOrString().optional(),
  autoPartitionThreshold: integer().optional(),
  maxNew: integer().optional(),
  partitions: z.array(partitionSpecSchema).optional(),
});

export const bundleResourceSchema = z.looseObject({
  name: z.string().optional(),
  content: z.string().optional(),
  encoding: z.string().optional(),
});

export const bundleRefSchema = z.looseObject({
  name: z.string().optional(),
  selector: labelSelectorSchema.optional(),
  acceptedStates: z.array(z.string()).optional(),
});

export const helmOpOptionsSchema = z.looseObject({
  helmOpSecretName: z.string().optional(),
  helmOpInsecureSkipTLSVerify: z.boolean().optional(),
  helmOpCABundle: base64Schema.optional(),
});

export const TARGET_CUSTOMIZATION_MODES = ['FirstMatch', 'AllMatches'] as const;

const bundleSpecShape = {
  ...bundleDeploymentOptionsShape,
  paused: z.boolean().optional(),
  rolloutStrategy: rolloutStrategySchema.optional(),
  resources: z.array(bundleResourceSchema).optional(),
  targets: z.array(bundleTargetSchema).optional(),
  targetRestrictions: z.array(bundleTargetRestrictionSchema).optional(),
  dependsOn: z.array(bundleRefSchema).optional(),
  contentsId: z.string().optional(),
  helmOpOptions: helmOpOptionsSchema.optional(),
  valuesHash: z.string().optional(),
  targetCustomizationMode: z.enum(TARGET_CUSTOMIZATION_MODES).optional(),
};

export const bundleSpecSchema = z.looseObject(bundleSpecShape);

// =================================================================================================
// GitRepo
// =================================================================================================

export const gitTargetSchema = z.looseObject(targetCriteriaShape);

export const imageScanCommitSchema = z.looseObject({
  authorName: z.string().optional(),
  authorEmail: z.string().optional(),
  messageTemplate: z.string().optional(),
});

export const gitRepoBundleSchema = z.looseObject({
  base: z.string().optional(),
  options: z.string().optional(),
});

export const gitRepoSpecSchema = z.looseObject({
  repo: z.string().min(1),
  branch: z.string().optional(),
  revision: z.string().optional(),
  targetNamespace: z.string().optional(),
  clientSecretName: z.string().optional(),
  helmSecretName: z.string().optional(),
  helmSecretNameForPaths: z.string().optional(),
  helmRepoURLRegex: z.string().optional(),
  caBundle: base64Schema.optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
  paths: z.array(z.string()).optional(),
  paused: z.boolean().optional(),
  serviceAccount: z.string().optional(),
  targets: z.array(gitTargetSchema).optional(),
  pollingInterval: durationSchema.optional(),
  forceSyncGeneration: integer().optional(),
  imageScanInterval: durationSchema.optional(),
  imageScanCommit: imageScanCommitSchema.optional(),
  keepResources: z.boolean().optional(),
  deleteNamespace: z.boolean().optional(),
  correctDrift: correctDriftSchema.optional(),
  disablePolling: z.boolean().optional(),
  ociRegistrySecret: z.string().optional(),
  webhookSecret: z.string().optional(),
  bundles: z.array(gitRepoBundleSchema).optional(),
});

// =================================================================================================
// BundleDeployment
// =================================================================================================

export const bundleDeploymentSpecSchema = z.looseObject({
  paused: z.boolean().optional(),
  stagedOptions: bundleDeploymentOptionsSchema.optional(),
  stagedDeploymentID: z.string().optional(),
  options: bundleDeploymentOptionsSchema.optional(),
  deploymentID: z.string().optional(),
  dependsOn: z.array(bundleRefSchema).optional(),
  correctDrift: correctDriftSchema.optional(),
  ociContents: z.boolean().optional(),
  helmChartOptions: helmOpOptionsSchema.optional(),
  valuesHash: z.string().optional(),
  downstreamResourcesGeneration: integer().optional(),
  offSchedule: z.boolean().optional(),
  waitingForValues: z.boolean().optional(),
});

// =================================================================================================
// Cluster, ClusterGroup
// =================================================================================================

export const envVarSchema = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: freeObject().optional(),
});

export const tolerationSchema = z.looseObject({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
  tolerationSeconds: integer().optional(),
});

export const resourceRequirementsSchema = z.looseObject({
  limits: z.record(z.string(), intOrString()).optional(),
  requests: z.record(z.string(), intOrString()).optional(),
  claims: z.array(z.looseObject({ name: z.string(), request: z.string().optional() })).optional(),
});

export const agentSchedulingCustomizationSchema = z.looseObject({
  priorityClass: z
    .looseObject({ value: integer().optional(), preemptionPolicy: z.string().optional() })
    .optional(),
  podDisruptionBudget: z
    .looseObject({ minAvailable: z.string().optional(), maxUnavailable: z.string().optional() })
    .optional(),
});

export const clusterSpecSchema = z.looseObject({
  paused: z.boolean().optional(),
  clientID: z.string().optional(),
  kubeConfigSecret: z.string().optional(),
  kubeConfigSecretNamespace: z.string().optional(),
  redeployAgentGeneration: integer().optional(),
  agentEnvVars: z.array(envVarSchema).optional(),
  agentNamespace: z.string().optional(),
  privateRepoURL: z.string().optional(),
  templateValues: freeObject().optional(),
  agentTolerations: z.array(tolerationSchema).optional(),
  /** A core/v1 `Affinity`; kept as an opaque object. */
  agentAffinity: freeObject().optional(),
  agentResources: resourceRequirementsSchema.optional(),
  hostNetwork: z.boolean().optional(),
  agentSchedulingCustomization: agentSchedulingCustomizationSchema.optional(),
  agentPullSecrets: z.array(z.looseObject({ name: z.string().optional() })).optional(),
});

export const clusterGroupSpecSchema = z.looseObject({
  /** nil selects no cluster, `{}` selects every cluster in the namespace. */
  selector: labelSelectorSchema.optional(),
});

// =================================================================================================
// Registration
// =================================================================================================

export const clusterRegistrationSpecSchema = z.looseObject({
  clientID: z.string().optional(),
  clientRandom: z.string().optional(),
  clusterLabels: stringMap().optional(),
});

export const clusterRegistrationTokenSpecSchema = z.looseObject({
  ttl: durationSchema.optional(),
});

// =================================================================================================
// Kinds with top-level fields
// =================================================================================================

export const gitRepoRestrictionFieldsSchema = z.looseObject({
  defaultServiceAccount: z.string().optional(),
  allowedServiceAccounts: z.array(z.string()).optional(),
  allowedRepoPatterns: z.array(z.string()).optional(),
  defaultClientSecretName: z.string().optional(),
  allowedClientSecretNames: z.array(z.string()).optional(),
  allowedTargetNamespaces: z.array(z.string()).optional(),
  allowedTargetNamespaceSelector: labelSelectorSchema.optional(),
});

export const bundleNamespaceMappingFieldsSchema = z.looseObject({
  bundleSelector: labelSelectorSchema.optional(),
  namespaceSelector: labelSelectorSchema.optional(),
});

export const contentFieldsSchema = z.looseObject({
  /** gzip'd manifest, base64 in JSON. */
  content: base64Schema.optional(),
  sha256sum: z.string().optional(),
});

// =================================================================================================
// ImageScan, HelmOp, Schedule
// =================================================================================================

export const imageScanSpecSchema = z.looseObject({
  tagName: z.string().optional(),
  gitrepoName: z.string().optional(),
  // Both are `required` but also `nullable` in the CRD: the key must be present, null is allowed.
  image: z.string().nullable(),
  interval: durationSchema.nullable(),
  secretRef: z.looseObject({ name: z.string().optional() }).optional(),
  suspend: z.boolean().optional(),
  policy: z
    .looseObject({
      semver: z.looseObject({ range: z.string().optional() }).optional(),
      alphabetical: z.looseObject({ order: z.string().optional() }).optional(),
    })
    .optional(),
});

export const helmOpSpecSchema = z.looseObject({
  ...bundleSpecShape,
  labels: stringMap().optional(),
  pollingInterval: durationSchema.optional(),
  helmSecretName: z.string().optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
});

export const scheduleSpecSchema = z.looseObject({
  schedule: z.string().optional(),
  duration: durationSchema.optional(),
  location: z.string().optional(),
  targets: z
    .looseObject({ clusters: z.array(z.looseObject(targetCriteriaShape)).optional() })
    .optional(),
});

// =================================================================================================
// Status (structural checks only: the shapes are typed by hand in ./types)
// =================================================================================================

export const conditionSchema = z.looseObject({
  type: z.string(),
  status: z.string(),
  lastUpdateTime: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

const statusWithConditionsSchema = z.looseObject({
  conditions: z.array(conditionSchema).optional(),
});

const contentStatusSchema = z.looseObject({ referenceCount: integer().optional() });

// =================================================================================================
// Inferred types
// =================================================================================================

export type CorrectDrift = z.infer<typeof correctDriftSchema>;
export type HelmOptions = z.infer<typeof helmOptionsSchema>;
export type ValuesFrom = z.infer<typeof valuesFromSchema>;
export type ComparePatch = z.infer<typeof comparePatchSchema>;
export type BundleDeploymentOptions = z.infer<typeof bundleDeploymentOptionsSchema>;
export type BundleTarget = z.infer<typeof bundleTargetSchema>;
export type BundleTargetRestriction = z.infer<typeof bundleTargetRestrictionSchema>;
export type PartitionSpec = z.infer<typeof partitionSpecSchema>;
export type RolloutStrategy = z.infer<typeof rolloutStrategySchema>;
export type BundleResource = z.infer<typeof bundleResourceSchema>;
export type BundleRef = z.infer<typeof bundleRefSchema>;
export type HelmOpOptions = z.infer<typeof helmOpOptionsSchema>;
export type TargetCustomizationMode = (typeof TARGET_CUSTOMIZATION_MODES)[number];
export type BundleSpec = z.infer<typeof bundleSpecSchema>;
export type GitTarget = z.infer<typeof gitTargetSchema>;
export type ImageScanCommit = z.infer<typeof imageScanCommitSchema>;
export type GitRepoBundle = z.infer<typeof gitRepoBundleSchema>;
export type GitRepoSpec = z.infer<typeof gitRepoSpecSchema>;
export type BundleDeploymentSpec = z.infer<typeof bundleDeploymentSpecSchema>;
export type EnvVar = z.infer<typeof envVarSchema>;
export type Toleration = z.infer<typeof tolerationSchema>;
export type ResourceRequirements = z.infer<typeof resourceRequirementsSchema>;
export type AgentSchedulingCustomization = z.infer<typeof agentSchedulingCustomizationSchema>;
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;
export type ClusterGroupSpec = z.infer<typeof clusterGroupSpecSchema>;
export type ClusterRegistrationSpec = z.infer<typeof clusterRegistrationSpecSchema>;
export type ClusterRegistrationTokenSpec = z.infer<typeof clusterRegistrationTokenSpecSchema>;
export type GitRepoRestrictionFields = z.infer<typeof gitRepoRestrictionFieldsSchema>;
export type BundleNamespaceMappingFields = z.infer<typeof bundleNamespaceMappingFieldsSchema>;
export type ContentFields = z.infer<typeof contentFieldsSchema>;
export type ImageScanSpec = z.infer<typeof imageScanSpecSchema>;
export type HelmOpSpec = z.infer<typeof helmOpSpecSchema>;
export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;

// =================================================================================================
// Per-kind object schemas
// =================================================================================================

const withSpec = (spec: z.ZodType, status: z.ZodType = statusWithConditionsSchema) =>
  z.looseObject({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    spec: spec.optional(),
    status: status.optional(),
  });

const withTopLevel = (fields: z.ZodObject, status: z.ZodType = statusWithConditionsSchema) =>
  fields.extend({ apiVersion: z.string().optional(), kind: z.string().optional(), status: status.optional() });

/** `spec` schema (or, for kinds without a spec, the schema of their top-level fields) per kind. */
export const FLEET_SPEC_SCHEMAS = {
  GitRepo: gitRepoSpecSchema,
  Bundle: bundleSpecSchema,
  BundleDeployment: bundleDeploymentSpecSchema,
  Cluster: clusterSpecSchema,
  ClusterGroup: clusterGroupSpecSchema,
  ClusterRegistration: clusterRegistrationSpecSchema,
  ClusterRegistrationToken: clusterRegistrationTokenSpecSchema,
  GitRepoRestriction: gitRepoRestrictionFieldsSchema,
  BundleNamespaceMapping: bundleNamespaceMappingFieldsSchema,
  Content: contentFieldsSchema,
  ImageScan: imageScanSpecSchema,
  HelmOp: helmOpSpecSchema,
  Schedule: scheduleSpecSchema,
  FleetWorkspace: z.looseObject({}),
} as const satisfies Record<FleetKind, z.ZodType>;

/** Whole-object schemas: what `validateFleetObject` parses. `metadata` is validated elsewhere. */
export const FLEET_OBJECT_SCHEMAS: Readonly<Record<FleetKind, z.ZodType>> = {
  GitRepo: withSpec(gitRepoSpecSchema),
  Bundle: withSpec(bundleSpecSchema),
  BundleDeployment: withSpec(bundleDeploymentSpecSchema),
  Cluster: withSpec(clusterSpecSchema),
  ClusterGroup: withSpec(clusterGroupSpecSchema),
  ClusterRegistration: withSpec(clusterRegistrationSpecSchema, z.looseObject({})),
  ClusterRegistrationToken: withSpec(clusterRegistrationTokenSpecSchema, z.looseObject({})),
  GitRepoRestriction: withTopLevel(gitRepoRestrictionFieldsSchema, z.looseObject({})),
  BundleNamespaceMapping: withTopLevel(bundleNamespaceMappingFieldsSchema, z.looseObject({})),
  Content: withTopLevel(contentFieldsSchema, contentStatusSchema),
  ImageScan: withSpec(imageScanSpecSchema),
  HelmOp: withSpec(helmOpSpecSchema),
  Schedule: withSpec(scheduleSpecSchema),
  // Rancher's FleetWorkspace has no spec and an empty status.
  FleetWorkspace: z.looseObject({ apiVersion: z.string().optional(), kind: z.string().optional() }),
};

// =================================================================================================
// zod issues → Kubernetes field errors (the one place)
// =================================================================================================

/**
 * Joins a zod path the way kube-openapi names fields: properties and map keys with `.`,
 * array indexes as `[i]` (`spec.targets[0].clusterSelector.matchLabels.env`).
 */
export function formatFieldPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out = out === '' ? String(segment) : `${out}.${String(segment)}`;
  }
  return out;
}

/**
 * zod's names for expected types → OpenAPI type names. Every numeric field of the Fleet CRDs is an
 * `integer`, and `z.int()` reports a non-number input as "expected number", so `number` maps to
 * `integer` too (use of `z.number()` for a float field would need a distinct marker).
 */
function openApiTypeName(expected: string): string {
  switch (expected) {
    case 'int':
    case 'number':
      return 'integer';
    case 'record':
    case 'map':
      return 'object';
    default:
      return expected;
  }
}

/** `/^a+$/u` → `^a+$` */
function regexSource(pattern: string): string {
  const match = /^\/(.*)\/[a-z]*$/s.exec(pattern);
  return match?.[1] ?? pattern;
}

function issueToFieldErrors(issue: z.core.$ZodIssue, field: string): FieldError[] {
  switch (issue.code) {
    case 'invalid_type':
      // A missing key, or an explicit null on a field the apiserver prunes nulls from.
      if (issue.input === undefined || issue.input === null) return [required(field)];
      return [typeInvalid(field, openApiTypeName(issue.expected), issue.input)];

    case 'invalid_union': {
      const expected = issue.errors.flatMap((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
          ? [openApiTypeName(branch[0].expected)]
          : [],
      );
      if (expected.length === issue.errors.length) {
        if (issue.input === undefined || issue.input === null) return [required(field)];
        const names = [...new Set(expected)];
        return [typeInvalid(field, names.join(','), issue.input)];
      }
      const firstBranch = issue.errors[0] ?? [];
      return firstBranch.flatMap((inner) => issueToFieldErrors(inner, formatFieldPath(field, inner.path)));
    }

    case 'too_small':
      if (issue.origin === 'string') {
        return [invalid(field, issue.input, `${field} in body should be at least ${String(issue.minimum)} chars long`)];
      }
      if (issue.origin === 'array') {
        return [invalid(field, issue.input, `${field} in body should have at least ${String(issue.minimum)} items`)];
      }
      return [invalid(field, issue.input, `${field} in body should be greater than or equal to ${String(issue.minimum)}`)];

    case 'too_big':
      if (issue.origin === 'string') return [tooLong(field, Number(issue.maximum))];
      if (issue.origin === 'array') {
        const actual = Array.isArray(issue.input) ? issue.input.length : -1;
        return [tooMany(field, actual, Number(issue.maximum))];
      }
      return [invalid(field, issue.input, `${field} in body should be less than or equal to ${String(issue.maximum)}`)];

    case 'invalid_format':
      if (issue.format === 'regex' && issue.pattern !== undefined) {
        return [invalid(field, issue.input, `${field} in body should match '${regexSource(issue.pattern)}'`)];
      }
      return [invalid(field, issue.input, `${field} in body must be of type ${issue.format}`)];

    case 'invalid_value':
      return [notSupported(field, issue.input, issue.values.map((value) => String(value)))];

    case 'custom': {
      const deferred = issue.params?.[DEFERRED_KEY] as DeferredFieldErrors | undefined;
      if (typeof deferred === 'function') return deferred(field);
      return [invalid(field, issue.input, issue.message)];
    }

    default:
      return [invalid(field, issue.input, issue.message)];
  }
}

/**
 * Converts zod issues into Kubernetes field errors. `basePath` is prepended to every issue path
 * (e.g. `spec` when a spec was parsed on its own). Like kube-openapi, which stops at the first
 * failed check of a value, only the first issue per field is reported.
 */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], basePath = ''): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = formatFieldPath(basePath, issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push(...issueToFieldErrors(issue, field));
  }
  return errors;
}

// =================================================================================================
// Validation entry points
// =================================================================================================

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The apiserver prunes `null` from properties that are not `nullable` before validating, so a
 * null field behaves as if it were absent. The only nullable properties that matter to
 * validation are ImageScan's required-but-nullable `spec.image` and `spec.interval`; everything
 * else that is nullable is optional, where null and absent validate the same.
 */
function pruneNulls(value: unknown, keep: ReadonlySet<string> = new Set(), path = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => pruneNulls(item));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (child === null && !keep.has(childPath)) continue;
    out[key] = pruneNulls(child, keep, childPath);
  }
  return out;
}

const NULLABLE_REQUIRED: Partial<Record<FleetKind, ReadonlySet<string>>> = {
  ImageScan: new Set(['spec.image', 'spec.interval']),
};

function isFleetKind(kind: string): kind is FleetKind {
  return Object.prototype.hasOwnProperty.call(FLEET_OBJECT_SCHEMAS, kind);
}

/**
 * Validates a whole Fleet object (spec, top-level fields, status) against its CRD schema and
 * returns Kubernetes field errors with full paths, e.g.
 * `{ type: 'FieldValueRequired', field: 'spec.repo', message: 'Required value' }`.
 * `metadata` is not checked here (generic ObjectMeta validation applies to every kind).
 * An empty array means the object is valid.
 */
export function validateFleetObject(kind: string, object: unknown): FieldError[] {
  if (!isFleetKind(kind)) {
    return [notSupported('kind', kind, FLEET_RESOURCES.map((resource) => resource.kind))];
  }
  if (!isPlainObject(object)) return [typeInvalid('', 'object', object)];
  const input = pruneNulls(object, NULLABLE_REQUIRED[kind]);
  const result = FLEET_OBJECT_SCHEMAS[kind].safeParse(input, { reportInput: true });
  return result.success ? [] : zodIssuesToFieldErrors(result.error.issues);
}

/** Validates just a `spec` (or the top-level fields of spec-less kinds); paths start at `spec`. */
export function validateFleetSpec(kind: FleetKind, spec: unknown): FieldError[] {
  const topLevel = kind === 'GitRepoRestriction' || kind === 'BundleNamespaceMapping' || kind === 'Content';
  const base = topLevel ? '' : 'spec';
  const keep = new Set([...(NULLABLE_REQUIRED[kind] ?? [])].map((path) => (topLevel ? path : path.replace(/^spec\./, ''))));
  const result = FLEET_SPEC_SCHEMAS[kind].safeParse(pruneNulls(spec, keep), { reportInput: true });
  return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, base);
}

/** One validator per kind in the registry, for the embedded API server. */
export const FLEET_VALIDATORS: Readonly<Record<FleetKind, (object: unknown) => FieldError[]>> = Object.freeze(
  Object.fromEntries(
    FLEET_RESOURCES.map((resource) => [resource.kind, (object: unknown) => validateFleetObject(resource.kind, object)]),
  ) as Record<FleetKind, (object: unknown) => FieldError[]>,
);

/**
 * Applies the defaults the Fleet CRDs declare (the apiserver does this on every write, before
 * validation). Returns a new object; the input is not modified.
 */
export function applyFleetDefaults<T>(kind: string, object: T): T {
  if ((kind !== 'Bundle' && kind !== 'HelmOp') || !isPlainObject(object) || !isPlainObject(object.spec)) {
    return object;
  }
  const spec = object.spec;
  if (spec.targetCustomizationMode !== undefined && spec.targetCustomizationMode !== null) return object;
  return { ...object, spec: { ...spec, targetCustomizationMode: 'FirstMatch' } } as T;
}
