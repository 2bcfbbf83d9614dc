import { z } from 'zod';

import { isReservedLabelKey } from '../fleet/labels';
import { clusterGroupSpecSchema, gitRepoSpecSchema, gitTargetSchema, labelSelectorSchema, withFieldValidator } from '../fleet/schemas';
import { checkRepoUrl } from '../gitrepo-form/repo-url';
import { invalid, required, tooLong, type FieldError } from '../k8s/field-errors';
import {
  byteLength,
  validateAnnotations,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabels,
  validateQualifiedName,
} from '../k8s/names';

/**
 * The BFF's wire contract, shared by route handlers (which validate what they send) and the
 * browser (which parses URLs and forms with the same schemas).
 */

/** `{ws}` value meaning every workspace. */
export const ALL_WORKSPACES = '_all';

export const LIST_KINDS = ['gitrepos', 'clusters', 'clustergroups', 'bundles'] as const;
export const listKindSchema = z.enum(LIST_KINDS);
export type ListKind = z.infer<typeof listKindSchema>;

export const STATE_BUCKETS = ['error', 'warning', 'active', 'pending'] as const;
export const stateBucketSchema = z.enum(STATE_BUCKETS);
export type StateBucket = z.infer<typeof stateBucketSchema>;

export const workspaceParamSchema = z
  .string()
  .regex(/^(_all|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/, 'must be a workspace name (a DNS-1123 label) or _all')
  .max(63);

export const SORT_FIELDS: Record<ListKind, readonly string[]> = {
  gitrepos: ['name', 'state', 'repo', 'clustersReady', 'age', 'workspace'],
  clusters: ['name', 'state', 'bundlesReady', 'reposReady', 'lastSeen', 'age', 'workspace'],
  clustergroups: ['name', 'state', 'clusters', 'age', 'workspace'],
  bundles: ['name', 'state', 'repo', 'clustersReady', 'age', 'workspace'],
};

export const MAX_PAGE_SIZE = 500;

/** Query of every list endpoint; the same parser reads the browser's URL. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(253, 'must be at most 253 characters').optional(),
  state: stateBucketSchema.optional(),
  label: z.string().trim().max(1024, 'must be at most 1024 characters').optional(),
  sort: z.string().max(32).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).default(1),
  pageSize: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const readyCountSchema = z.object({ ready: z.number().int(), desired: z.number().int() });
export type ReadyCount = z.infer<typeof readyCountSchema>;

export const resourceCountsSchema = z.object({
  ready: z.number().int(),
  desiredReady: z.number().int(),
  waitApplied: z.number().int(),
  modified: z.number().int(),
  orphaned: z.number().int(),
  missing: z.number().int(),
  unknown: z.number().int(),
  notReady: z.number().int(),
});
export type ResourceCountsDto = z.infer<typeof resourceCountsSchema>;

/** Which bundles or clusters are failing: how many, and the first few names. */
export const namedCountSchema = z.object({ count: z.number().int(), names: z.array(z.string()) });

/** Why an object is not Ready, beyond its message (lib/fleet/reasons.ts computes it). */
export const failureReasonsSchema = z.object({
  condition: z.object({ type: z.string(), reason: z.string().optional(), message: z.string() }).optional(),
  bundles: namedCountSchema.optional(),
  clusters: namedCountSchema.optional(),
});
export type FailureReasonsDto = z.infer<typeof failureReasonsSchema>;

/** What every row has: where it lives, its state as Fleet shows it, and why. */
const rowBase = {
  workspace: z.string(),
  name: z.string(),
  /** Fleet's display state (`ErrApplied`, `GitUpdating`, `WaitCheckIn`…), `Ready` when all is well. */
  state: z.string(),
  bucket: stateBucketSchema,
  /** Why the object is in its state; empty when Ready. */
  message: z.string(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string().optional(),
  /** The failing condition and which bundles/clusters fail; absent when there is nothing to say. */
  failing: failureReasonsSchema.optional(),
};

export const gitRepoRowSchema = z.object({
  ...rowBase,
  repo: z.string(),
  branch: z.string().optional(),
  revision: z.string().optional(),
  commit: z.string().optional(),
  paused: z.boolean(),
  pollingDisabled: z.boolean(),
  targets: z.string(),
  clustersReady: readyCountSchema,
  bundleDeploymentsReady: readyCountSchema,
  resources: resourceCountsSchema,
});
export type GitRepoRow = z.infer<typeof gitRepoRowSchema>;

export const clusterRowSchema = z.object({
  ...rowBase,
  displayName: z.string(),
  paused: z.boolean(),
  reposReady: readyCountSchema,
  bundlesReady: readyCountSchema,
  resources: resourceCountsSchema,
  lastSeen: z.string().optional(),
});
export type ClusterRow = z.infer<typeof clusterRowSchema>;

export const clusterGroupRowSchema = z.object({
  ...rowBase,
  selector: z.string(),
  clusterCount: z.number().int(),
  nonReadyClusterCount: z.number().int(),
  nonReadyClusters: z.array(z.string()),
  bundlesReady: readyCountSchema,
  resources: resourceCountsSchema,
});
export type ClusterGroupRow = z.infer<typeof clusterGroupRowSchema>;

export const bundleRowSchema = z.object({
  ...rowBase,
  repo: z.string().optional(),
  commit: z.string().optional(),
  paused: z.boolean(),
  clustersReady: readyCountSchema,
  resourceCount: z.number().int(),
});
export type BundleRow = z.infer<typeof bundleRowSchema>;

export interface RowByKind {
  gitrepos: GitRepoRow;
  clusters: ClusterRow;
  clustergroups: ClusterGroupRow;
  bundles: BundleRow;
}

export const ROW_SCHEMAS = {
  gitrepos: gitRepoRowSchema,
  clusters: clusterRowSchema,
  clustergroups: clusterGroupRowSchema,
  bundles: bundleRowSchema,
} as const;

export function pageSchema<T extends z.ZodType>(row: T) {
  return z.object({ items: z.array(row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const bucketCountsSchema = z.object({
  total: z.number().int(),
  error: z.number().int(),
  warning: z.number().int(),
  active: z.number().int(),
  pending: z.number().int(),
});
export type BucketCounts = z.infer<typeof bucketCountsSchema>;

export const workspaceSummarySchema = z.object({
  name: z.string(),
  createdAt: z.string().optional(),
  gitrepos: bucketCountsSchema,
  clusters: bucketCountsSchema,
  clustergroups: bucketCountsSchema,
  bundles: bucketCountsSchema,
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

export const workspaceListSchema = z.object({ items: z.array(workspaceSummarySchema) });

/** The one error shape every BFF failure has. */
export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'not_ready',
  'cluster_unreachable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), field: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// =================================================================================================
// Names and metadata in request bodies (the same rules the API server applies, so a form and the
// BFF refuse the same input)
// =================================================================================================

/** Fleet copies GitRepo, Bundle and Cluster names into label values, which hold 63 characters. */
export const FLEET_NAME_MAX_LENGTH = 63;

/** A Fleet object's `metadata.name`: a DNS-1123 subdomain of at most 63 characters. */
export const fleetObjectNameSchema = withFieldValidator(z.string(), (value, field): FieldError[] => {
  if (value === '') return [required(field)];
  const errors = validateDns1123Subdomain(value).map((problem) => invalid(field, value, problem));
  if (errors.length === 0 && byteLength(value) > FLEET_NAME_MAX_LENGTH) errors.push(tooLong(field, FLEET_NAME_MAX_LENGTH));
  return errors;
});

/** A workspace (namespace) name in a body: a DNS-1123 label. */
export const workspaceNameSchema = withFieldValidator(z.string(), (value, field): FieldError[] =>
  value === '' ? [required(field)] : validateDns1123Label(value).map((problem) => invalid(field, value, problem)),
);

/** `{ws}` of endpoints that act on one workspace (no `_all`). */
export const workspacePathSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a workspace name (a DNS-1123 label)')
  .max(63);

/** `{name}` of an object in a path. */
export const objectNamePathSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'must be an object name (a DNS-1123 subdomain)')
  .max(253);

/** A label key (`[prefix/]name`). */
export const labelKeySchema = withFieldValidator(z.string(), (value, field) =>
  validateQualifiedName(value).map((problem) => invalid(field, value, problem)),
);

/** `metadata.labels`: bad keys are reported against the map, bad values against `labels[key]`. */
export const labelMapSchema = withFieldValidator(z.record(z.string(), z.string()), (value, field) => validateLabels(value, field));

/** `metadata.annotations` (a ClusterGroup's or GitRepo's description is `field.cattle.io/description`). */
export const annotationMapSchema = withFieldValidator(z.record(z.string(), z.string()), (value, field) =>
  validateAnnotations(value, field),
);

/** The annotation Rancher's dashboard keeps an object's description in. */
export const DESCRIPTION_ANNOTATION = 'field.cattle.io/description';

/** Metadata of an object being created. The namespace is the workspace in the path. */
export const newObjectMetaSchema = z.object({
  name: fleetObjectNameSchema,
  labels: labelMapSchema.optional(),
  annotations: annotationMapSchema.optional(),
});

/**
 * Metadata of an update: the `resourceVersion` the client loaded (a change since then is a 409),
 * and the complete label and annotation maps if they are to change.
 */
export const updateObjectMetaSchema = z.object({
  resourceVersion: z.string().min(1, 'is required: send the resourceVersion you loaded'),
  labels: labelMapSchema.optional(),
  annotations: annotationMapSchema.optional(),
});

/**
 * The fields of a spec schema, each optional and nullable: a field sent replaces the stored one,
 * `null` removes it, and a field not sent keeps its stored value (including fields this version
 * of Fleet Deck does not know).
 */
function specUpdateSchema(shape: Record<string, z.ZodType>) {
  return z.looseObject(Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.nullable().optional()])));
}

export const dryRunQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'], 'must be true or false')
    .optional()
    .transform((value) => value === 'true'),
});

// =================================================================================================
// Objects and details
// =================================================================================================

/** A Kubernetes object as the BFF returns it: without `metadata.managedFields`, never a Secret. */
export const kubeObjectDtoSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
  status: z.record(z.string(), z.unknown()).optional(),
});
export type KubeObjectDto = z.infer<typeof kubeObjectDtoSchema>;

export const conditionDtoSchema = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastUpdateTime: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});
export type ConditionDto = z.infer<typeof conditionDtoSchema>;

export const MAX_RELATION_LIMIT = 1000;

/** Paging of the relation lists of a detail (each list is cut to `offset`/`limit`). */
export const detailQuerySchema = z.object({
  offset: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000).default(0),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(MAX_RELATION_LIMIT, `must be at most ${MAX_RELATION_LIMIT}`)
    .default(200),
});
export type DetailQuery = z.infer<typeof detailQuerySchema>;

/**
 * One page of a relation, worst state first. `complete` is false when the BFF stopped reading
 * BundleDeployments at its budget; `total` is then the larger of what it read and what Fleet's
 * status says.
 */
export function relationPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    complete: z.boolean(),
  });
}
export interface RelationPage<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
  complete: boolean;
}

/**
 * The state of a related object as seen through BundleDeployments: a cluster of a GitRepo or
 * Bundle, a repo or bundle on a cluster. `deployments` counts the BundleDeployments behind it.
 */
export const relatedStateSchema = z.object({
  workspace: z.string(),
  name: z.string(),
  state: z.string(),
  bucket: stateBucketSchema,
  message: z.string(),
  deployments: readyCountSchema,
  /** The GitRepo a bundle came from, when it came from one. */
  repo: z.string().optional(),
});
export type RelatedState = z.infer<typeof relatedStateSchema>;

export const SECRET_ROLES = ['clientSecret', 'helmSecret'] as const;
export const secretRoleSchema = z.enum(SECRET_ROLES);
export type SecretRole = z.infer<typeof secretRoleSchema>;

/** A Secret a GitRepo uses: its name and type, never its data. */
export const secretRefSchema = z.object({
  role: secretRoleSchema,
  name: z.string(),
  type: z.string().optional(),
  /** Absent when Fleet Deck may not read Secrets. */
  exists: z.boolean().optional(),
});
export type SecretRef = z.infer<typeof secretRefSchema>;

/** A GitRepo that targets a ClusterGroup, and how (`clusterGroup`, `clusterGroupSelector`, `default`). */
export const targetingRepoSchema = z.object({
  workspace: z.string(),
  name: z.string(),
  via: z.enum(['clusterGroup', 'clusterGroupSelector', 'default']),
});
export type TargetingRepo = z.infer<typeof targetingRepoSchema>;

const detailBase = {
  workspace: z.string(),
  name: z.string(),
  object: kubeObjectDtoSchema,
  conditions: z.array(conditionDtoSchema),
};

export const gitRepoDetailSchema = z.object({
  kind: z.literal('gitrepos'),
  ...detailBase,
  row: gitRepoRowSchema,
  relations: z.object({
    bundles: relationPageSchema(bundleRowSchema),
    clusters: relationPageSchema(relatedStateSchema),
    secrets: z.array(secretRefSchema),
  }),
});

export const clusterDetailSchema = z.object({
  kind: z.literal('clusters'),
  ...detailBase,
  row: clusterRowSchema,
  relations: z.object({
    repos: relationPageSchema(relatedStateSchema),
    bundles: relationPageSchema(relatedStateSchema),
    /** Names of the ClusterGroups (same workspace) whose selector matches the cluster. */
    groups: z.array(z.string()),
  }),
});

export const clusterGroupDetailSchema = z.object({
  kind: z.literal('clustergroups'),
  ...detailBase,
  row: clusterGroupRowSchema,
  relations: z.object({
    clusters: relationPageSchema(clusterRowSchema),
    /** GitRepos that target this group: what loses its clusters if the group goes (delete preview). */
    gitRepos: relationPageSchema(targetingRepoSchema),
  }),
});

export const bundleDetailSchema = z.object({
  kind: z.literal('bundles'),
  ...detailBase,
  row: bundleRowSchema,
  relations: z.object({
    deployments: relationPageSchema(relatedStateSchema),
  }),
});

export const objectDetailSchema = z.discriminatedUnion('kind', [gitRepoDetailSchema, clusterDetailSchema, clusterGroupDetailSchema, bundleDetailSchema]);
export type GitRepoDetail = z.infer<typeof gitRepoDetailSchema>;
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;
export type ClusterGroupDetail = z.infer<typeof clusterGroupDetailSchema>;
export type BundleDetail = z.infer<typeof bundleDetailSchema>;
export type ObjectDetail = z.infer<typeof objectDetailSchema>;

// =================================================================================================
// Mutations
// =================================================================================================

export const basicAuthInputSchema = z.object({
  type: z.literal('basic-auth'),
  username: z.string().min(1, 'is required'),
  /** A password or personal access token. Never returned. */
  password: z.string().min(1, 'is required'),
});

export const sshAuthInputSchema = z.object({
  type: z.literal('ssh-auth'),
  /** PEM, without passphrase. Never returned. */
  privateKey: z.string().min(1, 'is required'),
  publicKey: z.string().optional(),
  /** `known_hosts` lines for strict host key checking. */
  knownHosts: z.string().optional(),
});

/** Credentials for a Secret the BFF creates (`kubernetes.io/basic-auth` or `kubernetes.io/ssh-auth`). */
export const authSecretInputSchema = z.discriminatedUnion('type', [basicAuthInputSchema, sshAuthInputSchema]);
export type AuthSecretInput = z.infer<typeof authSecretInputSchema>;

/**
 * `POST /api/v1/workspaces/{ws}/gitrepos`. Secrets given here are created first (generateName
 * `auth-`) and referenced from `spec.clientSecretName` / `spec.helmSecretName`.
 */
export const createGitRepoBodySchema = z
  .object({
    gitRepo: z.object({ metadata: newObjectMetaSchema, spec: gitRepoSpecSchema }),
    secrets: z
      .object({ clientSecret: authSecretInputSchema.optional(), helmSecret: authSecretInputSchema.optional() })
      .optional(),
  })
  .superRefine((body, ctx) => {
    const spec = body.gitRepo.spec;
    if (body.secrets?.clientSecret && spec.clientSecretName) {
      ctx.addIssue({ code: 'custom', path: ['secrets', 'clientSecret'], message: 'give either spec.clientSecretName or secrets.clientSecret, not both' });
    }
    if (body.secrets?.helmSecret && spec.helmSecretName) {
      ctx.addIssue({ code: 'custom', path: ['secrets', 'helmSecret'], message: 'give either spec.helmSecretName or secrets.helmSecret, not both' });
    }
  });
export type CreateGitRepoBody = z.infer<typeof createGitRepoBodySchema>;

/** `PUT …/gitrepos/{name}`: spec fields sent replace the stored ones, `null` removes one. */
export const gitRepoSpecUpdateSchema = specUpdateSchema(gitRepoSpecSchema.shape);
export const updateGitRepoBodySchema = z.object({
  metadata: updateObjectMetaSchema,
  spec: gitRepoSpecUpdateSchema.optional(),
  /** New Secrets to create first and reference (as on create); removed again if the update fails. */
  secrets: z.object({ clientSecret: authSecretInputSchema.optional(), helmSecret: authSecretInputSchema.optional() }).optional(),
});
export type UpdateGitRepoBody = z.infer<typeof updateGitRepoBodySchema>;

/** `POST …/clustergroups`. A missing selector selects no cluster, `{}` every cluster of the workspace. */
export const createClusterGroupBodySchema = z.object({
  metadata: newObjectMetaSchema,
  spec: clusterGroupSpecSchema.default({}),
});
export type CreateClusterGroupBody = z.infer<typeof createClusterGroupBodySchema>;

/** `PUT …/clustergroups/{name}`; `spec.selector: null` removes the selector (the group then selects nothing). */
export const clusterGroupSpecUpdateSchema = specUpdateSchema(clusterGroupSpecSchema.shape);
export const updateClusterGroupBodySchema = z.object({ metadata: updateObjectMetaSchema, spec: clusterGroupSpecUpdateSchema.optional() });
export type UpdateClusterGroupBody = z.infer<typeof updateClusterGroupBodySchema>;

/** What a create, update, label edit or action wrote. */
export const objectWrittenSchema = z.object({ object: kubeObjectDtoSchema, dryRun: z.boolean() });
export type ObjectWritten = z.infer<typeof objectWrittenSchema>;

export const gitRepoCreatedSchema = objectWrittenSchema.extend({ secrets: z.array(secretRefSchema) });
export type GitRepoCreated = z.infer<typeof gitRepoCreatedSchema>;

export const objectDeletedSchema = z.object({
  deleted: z.object({ kind: listKindSchema, workspace: z.string(), name: z.string() }),
});
export type ObjectDeleted = z.infer<typeof objectDeletedSchema>;

/** `PATCH …/clusters/{name}/labels`. Keys under fleet.cattle.io/ and management.cattle.io/ belong to Fleet and Rancher. */
export const clusterLabelsPatchSchema = withFieldValidator(
  z.object({
    set: labelMapSchema.default({}),
    remove: z.array(labelKeySchema).default([]),
    /** If given, the change is refused (409) when the cluster changed since. */
    resourceVersion: z.string().min(1).optional(),
  }),
  (body, base): FieldError[] => {
    const errors: FieldError[] = [];
    const at = (field: string) => (base ? `${base}.${field}` : field);
    if (Object.keys(body.set).length === 0 && body.remove.length === 0) {
      errors.push(required(at('set'), 'set or remove at least one label'));
    }
    for (const key of Object.keys(body.set)) {
      if (isReservedLabelKey(key)) errors.push(invalid(`${at('set')}[${key}]`, key, 'labels under fleet.cattle.io/ and management.cattle.io/ are managed by Fleet and Rancher'));
    }
    body.remove.forEach((key, index) => {
      if (isReservedLabelKey(key)) errors.push(invalid(`${at('remove')}[${index}]`, key, 'labels under fleet.cattle.io/ and management.cattle.io/ are managed by Fleet and Rancher'));
      else if (key in body.set) errors.push(invalid(`${at('remove')}[${index}]`, key, 'is also in set'));
    });
    return errors;
  },
);
export type ClusterLabelsPatch = z.infer<typeof clusterLabelsPatchSchema>;

export const GITREPO_ACTIONS = ['pause', 'unpause', 'forceUpdate', 'enablePolling', 'disablePolling'] as const;
export const CLUSTER_ACTIONS = ['pause', 'unpause', 'forceUpdate', 'move'] as const;
export type GitRepoAction = (typeof GITREPO_ACTIONS)[number];
export type ClusterAction = (typeof CLUSTER_ACTIONS)[number];

/** Body of every action but `move` (none needed; `{}` or empty). */
export const emptyActionBodySchema = z.object({});
/** `POST …/clusters/{name}/actions/move`: recreate the Cluster in another workspace. */
export const moveClusterBodySchema = z.object({ to: workspaceNameSchema });

/** An action's outcome: the object as written (for `move`, the new one in the target workspace). */
export const actionResultSchema = objectWrittenSchema.extend({ action: z.string() });
export type ActionResult = z.infer<typeof actionResultSchema>;

// =================================================================================================
// Workspaces
// =================================================================================================

export const createWorkspaceBodySchema = z.object({ name: workspaceNameSchema });

export const workspaceCreatedSchema = z.object({
  name: z.string(),
  /** `fleetworkspace` when Rancher's FleetWorkspace API exists, else a plain `namespace`. */
  via: z.enum(['fleetworkspace', 'namespace']),
});
export type WorkspaceCreated = z.infer<typeof workspaceCreatedSchema>;

/** What goes with a workspace when it is deleted. */
export const workspaceImpactSchema = z.object({
  gitrepos: z.number().int(),
  clusters: z.number().int(),
  clustergroups: z.number().int(),
  bundles: z.number().int(),
});
export type WorkspaceImpact = z.infer<typeof workspaceImpactSchema>;

export const workspaceDetailSchema = z.object({
  workspace: workspaceSummarySchema,
  deletion: z.object({ allowed: z.boolean(), reason: z.string().optional(), impact: workspaceImpactSchema }),
});
export type WorkspaceDetail = z.infer<typeof workspaceDetailSchema>;

export const workspaceDeletedSchema = z.object({ deleted: z.string(), impact: workspaceImpactSchema });
export type WorkspaceDeleted = z.infer<typeof workspaceDeletedSchema>;

// =================================================================================================
// Target preview
// =================================================================================================

/**
 * `POST …/target-preview`: either a GitRepo's `targets` (none means the default target, the
 * ClusterGroup `default`) or a ClusterGroup's `selector` (`null` selects nothing, `{}` everything).
 */
export const targetPreviewBodySchema = z
  .object({
    targets: z.array(gitTargetSchema).optional(),
    selector: labelSelectorSchema.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.targets !== undefined && body.selector !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['selector'], message: 'give either targets or selector, not both' });
    }
  });
export type TargetPreviewBody = z.infer<typeof targetPreviewBodySchema>;

export const targetPreviewQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(MAX_RELATION_LIMIT, `must be at most ${MAX_RELATION_LIMIT}`).default(20),
});

export const targetPreviewSchema = z.object({
  /** Clusters selected. */
  total: z.number().int(),
  /** The first `limit` of them by name. */
  matched: z.array(z.string()),
  /** Clusters in the workspace. */
  clusterCount: z.number().int(),
  /** True when no targets were given and the default target (ClusterGroup `default`) was used. */
  defaultTarget: z.boolean(),
});
export type TargetPreview = z.infer<typeof targetPreviewSchema>;

// =================================================================================================
// Path parameters of the object endpoints
// =================================================================================================

export const workspacePathParamsSchema = z.object({ ws: workspacePathSchema });
export const objectPathParamsSchema = z.object({ ws: workspacePathSchema, kind: listKindSchema, name: objectNamePathSchema });
/** Kinds the BFF creates, updates and deletes (clusters register themselves; bundles come from GitRepos). */
export const EDITABLE_KINDS = ['gitrepos', 'clustergroups'] as const;
export const editableKindSchema = z.enum(EDITABLE_KINDS);
/** Kinds with actions. */
export const ACTION_KINDS = ['gitrepos', 'clusters'] as const;

// =================================================================================================
// Failure views: per-cluster matrix, drift, events
// =================================================================================================

/** States a matrix row (a cluster's worst BundleDeployment state) can be filtered by. */
export const MATRIX_STATES = ['Ready', 'NotReady', 'Pending', 'OutOfSync', 'Modified', 'WaitApplied', 'ErrApplied'] as const;
export const matrixStateSchema = z.enum(MATRIX_STATES);

export const MAX_FAILURE_PAGE_SIZE = 200;

const failurePaging = {
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).default(1),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAX_FAILURE_PAGE_SIZE, `must be at most ${MAX_FAILURE_PAGE_SIZE}`).default(50),
};

/** `GET …/{gitrepos|clustergroups}/{name}/matrix?state=&page=&limit=` */
export const matrixQuerySchema = z.object({ state: matrixStateSchema.optional(), ...failurePaging });
export type MatrixQuery = z.infer<typeof matrixQuerySchema>;

export const MATRIX_KINDS = ['gitrepos', 'clustergroups'] as const;
export const matrixPathParamsSchema = z.object({ ws: workspacePathSchema, kind: z.enum(MATRIX_KINDS), name: objectNamePathSchema });

/** One BundleDeployment's state in the matrix; a bundle the cluster does not get has no cell. */
export const matrixCellSchema = z.object({ state: z.string(), bucket: stateBucketSchema, message: z.string() });
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixRowSchema = z.object({
  workspace: z.string(),
  cluster: z.string(),
  /** The worst state of the cluster's cells. */
  state: z.string(),
  bucket: stateBucketSchema,
  /** Keyed by bundle name. */
  cells: z.record(z.string(), matrixCellSchema),
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;

export const matrixPageSchema = z.object({
  /** Bundle names (columns), in the bundle workspace. */
  bundles: z.array(z.string()),
  bundleWorkspace: z.string(),
  rows: z.array(matrixRowSchema),
  /** Rows matching the filter. */
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  /** Clusters per row state, before filtering: what the filter buttons show. */
  counts: z.record(z.string(), z.number().int()),
});
export type MatrixPage = z.infer<typeof matrixPageSchema>;

/** `GET …/{gitrepos|clusters}/{name}/drift?page=&limit=` */
export const driftQuerySchema = z.object(failurePaging);
export const DRIFT_KINDS = ['gitrepos', 'clusters'] as const;
export const driftPathParamsSchema = z.object({ ws: workspacePathSchema, kind: z.enum(DRIFT_KINDS), name: objectNamePathSchema });

export const driftFieldSchema = z.object({ path: z.string(), desired: z.string().optional(), live: z.string().optional(), removed: z.boolean().optional() });

/** One drifted resource on one cluster (lib/fleet/drift.ts words it). */
export const driftRowSchema = z.object({
  workspace: z.string(),
  cluster: z.string(),
  bundle: z.string(),
  repo: z.string().optional(),
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  change: z.enum(['missing', 'extra', 'not-owned', 'patched']),
  summary: z.string(),
  fields: z.array(driftFieldSchema),
  rawPatch: z.string().optional(),
});
export type DriftRow = z.infer<typeof driftRowSchema>;

export const driftPageSchema = z.object({
  items: z.array(driftRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  /** Clusters with at least one drifted resource. */
  clusters: z.number().int(),
});
export type DriftPage = z.infer<typeof driftPageSchema>;

/** `GET …/{kind}/{name}/events?limit=` */
export const eventsListQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(MAX_FAILURE_PAGE_SIZE, `must be at most ${MAX_FAILURE_PAGE_SIZE}`).default(50),
});

/** A core/v1 Event about the object. */
export const objectEventSchema = z.object({
  name: z.string(),
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number().int(),
  firstTimestamp: z.string().optional(),
  lastTimestamp: z.string().optional(),
  source: z.string().optional(),
});
export type ObjectEvent = z.infer<typeof objectEventSchema>;

export const objectEventsSchema = z.object({ items: z.array(objectEventSchema), total: z.number().int() });
export type ObjectEvents = z.infer<typeof objectEventsSchema>;

// =================================================================================================
// Git: Test connection (`git ls-remote`) and the workspace's Secret names
// =================================================================================================

/** Credentials for a Test connection: new ones typed into the wizard, or an existing Secret's. */
export const lsRemoteAuthSchema = z.discriminatedUnion('type', [
  basicAuthInputSchema,
  sshAuthInputSchema,
  z.object({ type: z.literal('secret'), name: objectNamePathSchema }),
]);
export type LsRemoteAuth = z.infer<typeof lsRemoteAuthSchema>;

/** `POST /api/v1/workspaces/{ws}/git/ls-remote`. */
export const lsRemoteBodySchema = z.object({
  repo: z.string().superRefine((value, ctx) => {
    const problem = checkRepoUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  auth: lsRemoteAuthSchema.optional(),
  /** PEM CA bundle, base64 like `spec.caBundle`. */
  caBundle: z.string().optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
});
export type LsRemoteBody = z.infer<typeof lsRemoteBodySchema>;

export const gitRefSchema = z.object({ name: z.string(), commit: z.string() });
export type GitRef = z.infer<typeof gitRefSchema>;

/** Either the repository's branches and tags, or git's own error text (a failed check is an answer, not a BFF error). */
export const lsRemoteResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), branches: z.array(gitRefSchema), tags: z.array(gitRefSchema) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type LsRemoteResult = z.infer<typeof lsRemoteResultSchema>;

/** A Secret of a workspace: its name and type, never its data. */
export const secretSummarySchema = z.object({ name: z.string(), type: z.string() });
export type SecretSummary = z.infer<typeof secretSummarySchema>;
export const secretListSchema = z.object({ items: z.array(secretSummarySchema) });
export type SecretList = z.infer<typeof secretListSchema>;

// =================================================================================================
// Team mode: sessions and what the signed-in person may do (server/auth)
// =================================================================================================

export const authModeSchema = z.enum(['none', 'token']);
export type AuthModeDto = z.infer<typeof authModeSchema>;

/** Who is signed in: in local mode (`none`) there is no sign-in and no user. */
export const sessionSchema = z.object({
  mode: authModeSchema,
  user: z.object({ username: z.string(), groups: z.array(z.string()) }).optional(),
  /** When the session ends (ISO time). */
  expiresAt: z.string().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/** A Kubernetes bearer token, pasted by a person; it stays on the server (in the encrypted session cookie). */
export const signInBodySchema = z.object({
  token: z
    .string({ error: 'token is required' })
    .trim()
    .min(1, 'token is required: paste a Kubernetes bearer token')
    .max(16_384, 'token is longer than 16384 characters')
    .refine((token) => !/\s/.test(token), 'token must be one line without spaces'),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const ACCESS_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
export type AccessVerbDto = (typeof ACCESS_VERBS)[number];
const verbsSchema = z.object(Object.fromEntries(ACCESS_VERBS.map((verb) => [verb, z.boolean()])) as Record<AccessVerbDto, z.ZodBoolean>);
export type VerbPermissions = z.infer<typeof verbsSchema>;

/** The signed-in person's verbs per kind in one workspace (everything true in local mode). */
export const workspaceAccessSchema = z.object({
  mode: authModeSchema,
  workspace: z.string(),
  kinds: z.object({ gitrepos: verbsSchema, clusters: verbsSchema, clustergroups: verbsSchema, bundles: verbsSchema, secrets: verbsSchema }),
  /** Workspaces are cluster-scoped: whether they may be created and deleted at all. */
  workspaces: z.object({ create: z.boolean(), delete: z.boolean() }),
});
export type WorkspaceAccess = z.infer<typeof workspaceAccessSchema>;
export type AccessKindDto = keyof WorkspaceAccess['kinds'];
