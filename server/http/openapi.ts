import 'server-only';

import { z } from 'zod';

import { changeNoticeSchema, changesMessageSchema, changeSummarySchema, eventsQuerySchema, streamStatusSchema } from '@/lib/api/events';
import {
  actionResultSchema,
  bucketCountsSchema,
  bundleDetailSchema,
  bundleRowSchema,
  CLUSTER_ACTIONS,
  clusterDetailSchema,
  clusterGroupDetailSchema,
  clusterGroupRowSchema,
  clusterLabelsPatchSchema,
  clusterRowSchema,
  conditionDtoSchema,
  createClusterGroupBodySchema,
  createGitRepoBodySchema,
  createWorkspaceBodySchema,
  detailQuerySchema,
  driftPageSchema,
  driftPathParamsSchema,
  driftQuerySchema,
  eventsListQuerySchema,
  matrixPageSchema,
  matrixPathParamsSchema,
  matrixQuerySchema,
  objectEventsSchema,
  dryRunQuerySchema,
  emptyActionBodySchema,
  errorBodySchema,
  GITREPO_ACTIONS,
  gitRepoCreatedSchema,
  gitRepoDetailSchema,
  gitRepoRowSchema,
  kubeObjectDtoSchema,
  listKindSchema,
  listQuerySchema,
  lsRemoteBodySchema,
  lsRemoteResultSchema,
  moveClusterBodySchema,
  objectDeletedSchema,
  objectDetailSchema,
  objectNamePathSchema,
  objectPathParamsSchema,
  objectWrittenSchema,
  pageSchema,
  readyCountSchema,
  relatedStateSchema,
  resourceCountsSchema,
  secretListSchema,
  secretRefSchema,
  stateBucketSchema,
  targetingRepoSchema,
  targetPreviewBodySchema,
  targetPreviewQuerySchema,
  targetPreviewSchema,
  updateClusterGroupBodySchema,
  updateGitRepoBodySchema,
  workspaceCreatedSchema,
  workspaceDeletedSchema,
  workspaceDetailSchema,
  workspaceImpactSchema,
  workspaceListSchema,
  workspaceParamSchema,
  workspacePathParamsSchema,
  workspacePathSchema,
  workspaceSummarySchema,
  authModeSchema,
  sessionSchema,
  signInBodySchema,
  workspaceAccessSchema,
} from '@/lib/api/schemas';
import { replaceYamlBodySchema, yamlQuerySchema } from '@/lib/api/yaml';

/**
 * The OpenAPI 3.1 description of the BFF, generated from the same zod schemas the handlers
 * validate with. To document a new endpoint, add a row to {@link OPERATIONS}; to give a schema a
 * readable name in `components.schemas` (and have every use of it become a `$ref`), add it to
 * {@link COMPONENTS}. Schemas of a row that are not named there become components called after
 * the operation (`<OperationId>Response`, `<OperationId>Body`).
 */

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ApiResponse {
  description: string;
  /** JSON body; omit for no body. */
  schema?: z.ZodType;
  /** A non-JSON body (text/plain, text/event-stream); described by `schema` if given, else a string. */
  contentType?: string;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path with `{param}` placeholders, e.g. `/api/v1/workspaces/{ws}/{kind}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** zod object of path parameters; each key must appear in `path`. */
  params?: AnyObject;
  /** zod object of query parameters. */
  query?: AnyObject;
  /** JSON request body (described as input: fields with defaults are optional). */
  body?: z.ZodType;
  /** Its name under `components.schemas`; `<OperationId>Body` if not given. */
  bodyName?: string;
  /** The success response; status 200 unless `status` says otherwise. */
  response: ApiResponse & { status?: number };
  /** Error statuses this operation answers with the error body, besides the common ones. */
  errors?: number[];
  /** Extra OpenAPI fields for the operation object (e.g. `x-events`). */
  extensions?: Record<string, unknown>;
}

/** Named schemas: every use of one of these becomes a `$ref` to `#/components/schemas/<name>`. */
export const COMPONENTS: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  StateBucket: stateBucketSchema,
  ReadyCount: readyCountSchema,
  ResourceCounts: resourceCountsSchema,
  BucketCounts: bucketCountsSchema,
  GitRepoRow: gitRepoRowSchema,
  ClusterRow: clusterRowSchema,
  ClusterGroupRow: clusterGroupRowSchema,
  BundleRow: bundleRowSchema,
  WorkspaceSummary: workspaceSummarySchema,
  WorkspaceList: workspaceListSchema,
  ChangeNotice: changeNoticeSchema,
  ChangeSummary: changeSummarySchema,
  ChangesMessage: changesMessageSchema,
  StreamStatus: streamStatusSchema,
  KubeObject: kubeObjectDtoSchema,
  Condition: conditionDtoSchema,
  RelatedState: relatedStateSchema,
  SecretRef: secretRefSchema,
  TargetingRepo: targetingRepoSchema,
  GitRepoDetail: gitRepoDetailSchema,
  ClusterDetail: clusterDetailSchema,
  ClusterGroupDetail: clusterGroupDetailSchema,
  BundleDetail: bundleDetailSchema,
  ObjectDetail: objectDetailSchema,
  ObjectWritten: objectWrittenSchema,
  GitRepoCreated: gitRepoCreatedSchema,
  ObjectDeleted: objectDeletedSchema,
  ActionResult: actionResultSchema,
  WorkspaceCreated: workspaceCreatedSchema,
  WorkspaceImpact: workspaceImpactSchema,
  WorkspaceDetail: workspaceDetailSchema,
  WorkspaceDeleted: workspaceDeletedSchema,
  TargetPreview: targetPreviewSchema,
};

const PAGES = {
  GitRepoPage: pageSchema(gitRepoRowSchema),
  ClusterPage: pageSchema(clusterRowSchema),
  ClusterGroupPage: pageSchema(clusterGroupRowSchema),
  BundlePage: pageSchema(bundleRowSchema),
};
Object.assign(COMPONENTS, PAGES);

const okSchema = z.object({ ok: z.literal(true) });
const readySchema = z.object({
  ok: z.literal(true),
  kubernetes: z.object({ gitVersion: z.string() }),
  cache: z.object({ synced: z.literal(true), healthy: z.literal(true) }),
});

const objectParams = (_kind: 'gitrepos' | 'clustergroups' | 'clusters') => z.object({ ws: workspacePathSchema, name: objectNamePathSchema });
const clusterActions = CLUSTER_ACTIONS.filter((action) => action !== 'move');

export const OPERATIONS: ApiOperation[] = [
  // ---- workspaces ----------------------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/workspaces',
    operationId: 'listWorkspaces',
    tag: 'workspaces',
    summary: 'Every workspace with counts of its objects by state bucket',
    response: { description: 'The workspaces, fleet-local and fleet-default first', schema: workspaceListSchema },
  },
  {
    method: 'post',
    path: '/api/v1/workspaces',
    operationId: 'createWorkspace',
    tag: 'workspaces',
    summary: "Create a workspace (a FleetWorkspace, or a namespace where Rancher's API is absent)",
    body: createWorkspaceBodySchema,
    bodyName: 'CreateWorkspaceBody',
    response: { status: 201, description: 'Created', schema: workspaceCreatedSchema },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}',
    operationId: 'getWorkspace',
    tag: 'workspaces',
    summary: 'A workspace: its counts, and whether it may be deleted and what would go with it',
    params: workspacePathParamsSchema,
    response: { description: 'The workspace', schema: workspaceDetailSchema },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/v1/workspaces/{ws}',
    operationId: 'deleteWorkspace',
    tag: 'workspaces',
    summary: 'Delete a workspace and everything in it (not fleet-local or fleet-default)',
    params: workspacePathParamsSchema,
    response: { description: 'Deleted', schema: workspaceDeletedSchema },
    errors: [403, 404, 409, 415],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/target-preview',
    operationId: 'previewTargets',
    tag: 'workspaces',
    summary: "Which clusters a GitRepo's targets or a ClusterGroup's selector would select",
    params: workspacePathParamsSchema,
    query: targetPreviewQuerySchema,
    body: targetPreviewBodySchema,
    bodyName: 'TargetPreviewBody',
    response: { description: 'The clusters selected', schema: targetPreviewSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/git/ls-remote',
    operationId: 'gitLsRemote',
    tag: 'workspaces',
    summary: "Test connection: the branches and tags `git ls-remote` sees with the given credentials, or git's error",
    description:
      'Credentials are new ones (basic-auth, ssh-auth) or an existing Secret of the workspace (`type: secret`), read on the server. A failed check is a 200 with `ok: false` and git\'s own error text.',
    params: workspacePathParamsSchema,
    body: lsRemoteBodySchema,
    bodyName: 'LsRemoteBody',
    response: { description: 'What git answered', schema: lsRemoteResultSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/secrets',
    operationId: 'listSecrets',
    tag: 'workspaces',
    summary: "Names and types of the workspace's Secrets (never their data), for choosing existing credentials",
    params: workspacePathParamsSchema,
    response: { description: 'The Secrets, by name', schema: secretListSchema },
    errors: [403, 404],
  },

  // ---- lists and objects ---------------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}',
    operationId: 'listObjects',
    tag: 'objects',
    summary: 'One page of rows of a kind in a workspace (or `_all`), searched, filtered and sorted',
    description:
      'Answered from the BFF cache. `q` searches names (and repo URLs, display names) and `key=value` labels; `label` is a Kubernetes label selector; `sort` is one of the kind\'s sort fields.',
    params: z.object({ ws: workspaceParamSchema, kind: listKindSchema }),
    query: listQuerySchema,
    response: { description: 'A page of rows; the row shape follows `kind`', schema: z.union([PAGES.GitRepoPage, PAGES.ClusterPage, PAGES.ClusterGroupPage, PAGES.BundlePage]) },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/gitrepos',
    operationId: 'createGitRepo',
    tag: 'objects',
    summary: 'Create a GitRepo, with the auth Secrets it needs; `dryRun=true` only checks',
    params: workspacePathParamsSchema,
    query: dryRunQuerySchema,
    body: createGitRepoBodySchema,
    bodyName: 'CreateGitRepoBody',
    response: { status: 201, description: 'Created (or, with dryRun, what would be)', schema: gitRepoCreatedSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/clustergroups',
    operationId: 'createClusterGroup',
    tag: 'objects',
    summary: 'Create a ClusterGroup; `dryRun=true` only checks',
    params: workspacePathParamsSchema,
    query: dryRunQuerySchema,
    body: createClusterGroupBodySchema,
    bodyName: 'CreateClusterGroupBody',
    response: { status: 201, description: 'Created (or, with dryRun, what would be)', schema: objectWrittenSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}',
    operationId: 'getObject',
    tag: 'objects',
    summary: 'One object with its state, conditions and related objects (paged)',
    params: objectPathParamsSchema,
    query: detailQuerySchema,
    response: { description: 'The object; the shape follows `kind`', schema: objectDetailSchema },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/workspaces/{ws}/gitrepos/{name}',
    operationId: 'updateGitRepo',
    tag: 'objects',
    summary: 'Update a GitRepo from the version the client loaded (409 if it changed since)',
    params: objectParams('gitrepos'),
    query: dryRunQuerySchema,
    body: updateGitRepoBodySchema,
    bodyName: 'UpdateGitRepoBody',
    response: { description: 'Written (or, with dryRun, what would be)', schema: objectWrittenSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/api/v1/workspaces/{ws}/gitrepos/{name}',
    operationId: 'deleteGitRepo',
    tag: 'objects',
    summary: 'Delete a GitRepo (Fleet removes its bundles and deployments)',
    params: objectParams('gitrepos'),
    response: { description: 'Deleted', schema: objectDeletedSchema },
    errors: [403, 404, 415],
  },
  {
    method: 'put',
    path: '/api/v1/workspaces/{ws}/clustergroups/{name}',
    operationId: 'updateClusterGroup',
    tag: 'objects',
    summary: 'Update a ClusterGroup from the version the client loaded (409 if it changed since)',
    params: objectParams('clustergroups'),
    query: dryRunQuerySchema,
    body: updateClusterGroupBodySchema,
    bodyName: 'UpdateClusterGroupBody',
    response: { description: 'Written (or, with dryRun, what would be)', schema: objectWrittenSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'delete',
    path: '/api/v1/workspaces/{ws}/clustergroups/{name}',
    operationId: 'deleteClusterGroup',
    tag: 'objects',
    summary: 'Delete a ClusterGroup (the GitRepos that target it are listed in its detail)',
    params: objectParams('clustergroups'),
    response: { description: 'Deleted', schema: objectDeletedSchema },
    errors: [403, 404, 415],
  },
  {
    method: 'patch',
    path: '/api/v1/workspaces/{ws}/clusters/{name}/labels',
    operationId: 'patchClusterLabels',
    tag: 'objects',
    summary: "Set and remove a Cluster's labels (keys of Fleet and Rancher are refused)",
    params: objectParams('clusters'),
    body: clusterLabelsPatchSchema,
    bodyName: 'ClusterLabelsPatch',
    response: { description: 'Written', schema: objectWrittenSchema },
    errors: [403, 404, 409],
  },

  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}/yaml',
    operationId: 'getObjectYaml',
    tag: 'objects',
    summary: 'An object as YAML (never managedFields); `clean=true` leaves out status and server-written metadata',
    params: objectPathParamsSchema,
    query: yamlQuerySchema,
    response: { description: 'The object as YAML; with `download=true` an attachment named `<name>.yaml`', contentType: 'application/yaml' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}/yaml',
    operationId: 'replaceObjectYaml',
    tag: 'objects',
    summary: 'Replace an object with edited YAML, from the version in its `metadata.resourceVersion` (409 if it changed since)',
    description: [
      'The YAML is parsed by the BFF: a syntax error is a 400 with `field: yaml` and the `line` and `column` where it breaks.',
      'The object must keep its apiVersion, kind, name and namespace, and carry the `metadata.resourceVersion` it was loaded with; `status` is ignored.',
      'A newer stored version is a 409, unless only status moved since (same `metadata.generation`, labels, annotations, finalizers and owners): Fleet writes status on every poll.',
      'A field the BFF or the API server refuses comes back as a 422 with `field` (e.g. `spec.pollingInterval`) and that field\'s `line` and `column` in the YAML sent.',
    ].join('\n'),
    params: objectPathParamsSchema,
    query: dryRunQuerySchema,
    body: replaceYamlBodySchema,
    bodyName: 'ReplaceYamlBody',
    response: { description: 'Written (or, with dryRun, what would be)', schema: objectWrittenSchema },
    errors: [403, 404, 409],
  },

  // ---- failure views -------------------------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}/matrix',
    operationId: 'getStatusMatrix',
    tag: 'failures',
    summary: 'Clusters × bundles of a GitRepo or ClusterGroup, each cell a BundleDeployment state; filter rows by state, paged, worst first',
    params: matrixPathParamsSchema,
    query: matrixQuerySchema,
    response: { description: 'One page of matrix rows, the bundle columns and the clusters per state', schema: matrixPageSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}/drift',
    operationId: 'getDrift',
    tag: 'failures',
    summary: 'Every drifted resource (missing, extra, patched fields) of a GitRepo across its clusters, or on one Cluster, paged',
    params: driftPathParamsSchema,
    query: driftQuerySchema,
    response: { description: 'One page of drifted resources', schema: driftPageSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/{kind}/{name}/events',
    operationId: 'getObjectEvents',
    tag: 'failures',
    summary: 'Kubernetes Events about the object (involvedObject), newest first',
    params: objectPathParamsSchema,
    query: eventsListQuerySchema,
    response: { description: 'Events, newest first', schema: objectEventsSchema },
    errors: [404],
  },

  // ---- actions -------------------------------------------------------------------------------
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/gitrepos/{name}/actions/{action}',
    operationId: 'gitRepoAction',
    tag: 'actions',
    summary: 'Pause, unpause, force an update, or turn polling on or off for a GitRepo',
    params: z.object({ ws: workspacePathSchema, name: objectNamePathSchema, action: z.enum(GITREPO_ACTIONS) }),
    body: emptyActionBodySchema,
    bodyName: 'EmptyActionBody',
    response: { description: 'The GitRepo as written', schema: actionResultSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/clusters/{name}/actions/{action}',
    operationId: 'clusterAction',
    tag: 'actions',
    summary: 'Pause, unpause or force an update of a Cluster',
    params: z.object({ ws: workspacePathSchema, name: objectNamePathSchema, action: z.enum(clusterActions as [string, ...string[]]) }),
    body: emptyActionBodySchema,
    bodyName: 'EmptyActionBody',
    response: { description: 'The Cluster as written', schema: actionResultSchema },
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/workspaces/{ws}/clusters/{name}/actions/move',
    operationId: 'moveCluster',
    tag: 'actions',
    summary: 'Move a Cluster to another workspace',
    params: objectParams('clusters'),
    body: moveClusterBodySchema,
    bodyName: 'MoveClusterBody',
    response: { description: 'The Cluster as written in its new workspace', schema: actionResultSchema },
    errors: [403, 404, 409],
  },

  // ---- team mode: sessions and access (server/auth) -------------------------------------------
  {
    method: 'get',
    path: '/api/v1/session',
    operationId: 'getSession',
    tag: 'session',
    summary: 'Who is signed in: `{mode:"none"}` in local mode; in team mode the user, or 401 without a valid session',
    response: { description: 'The session', schema: sessionSchema },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/v1/session',
    operationId: 'signIn',
    tag: 'session',
    summary: 'Sign in with a Kubernetes bearer token (team mode): checked with the API server, kept encrypted in an httpOnly cookie',
    description: 'Rate-limited per client address (10 attempts a minute): 429 with Retry-After beyond that. A token the API server does not accept is a 401.',
    body: signInBodySchema,
    bodyName: 'SignInBody',
    response: { description: 'Signed in; the session cookie is set', schema: sessionSchema },
    errors: [401, 415, 429],
  },
  {
    method: 'delete',
    path: '/api/v1/session',
    operationId: 'signOut',
    tag: 'session',
    summary: 'Sign out: the session cookie is cleared',
    response: { description: 'Signed out', schema: z.object({ mode: authModeSchema }) },
    errors: [415],
  },
  {
    method: 'get',
    path: '/api/v1/workspaces/{ws}/access',
    operationId: 'getWorkspaceAccess',
    tag: 'session',
    summary: "The signed-in person's allowed verbs per kind in a workspace (all allowed in local mode); for `_all`, verbs some visible workspace allows",
    params: z.object({ ws: workspaceParamSchema }),
    response: { description: 'Allowed verbs', schema: workspaceAccessSchema },
    errors: [401, 404],
  },

  // ---- live updates and operations -----------------------------------------------------------
  {
    method: 'get',
    path: '/api/v1/events',
    operationId: 'streamEvents',
    tag: 'events',
    summary: 'Server-Sent Events: change notices and the cluster connection status',
    description: [
      'A `text/event-stream` that opens at once, even before the cache has synced. Messages:',
      '- `event: status`, data `StreamStatus`: on connect and whenever the BFF loses or regains the cluster;',
      '- `event: changes`, data `ChangesMessage`: which objects changed, duplicates folded, at most one message per 500 ms (an isolated change goes out within about 50 ms); a batch of more than 500 objects carries per-kind `ChangeSummary` entries (`{kind, workspace, count}`) instead;',
      '- `: ping` comments every 15 s.',
      'Notices of other workspaces are filtered out; notices about workspaces themselves always pass.',
    ].join('\n'),
    query: eventsQuerySchema,
    response: { description: 'The event stream', contentType: 'text/event-stream' },
    extensions: {
      'x-events': {
        status: { $ref: '#/components/schemas/StreamStatus' },
        changes: { $ref: '#/components/schemas/ChangesMessage' },
      },
    },
  },
  {
    method: 'get',
    path: '/api/healthz',
    operationId: 'healthz',
    tag: 'operations',
    summary: 'Liveness: the process is up (never touches the cluster)',
    response: { description: 'Alive', schema: okSchema },
  },
  {
    method: 'get',
    path: '/api/readyz',
    operationId: 'readyz',
    tag: 'operations',
    summary: 'Readiness: the cache has synced, its watches are up and the cluster answers',
    response: { description: 'Ready', schema: readySchema },
  },
  {
    method: 'get',
    path: '/api/metrics',
    operationId: 'metrics',
    tag: 'operations',
    summary: 'Prometheus metrics: request latencies, cache sizes and health, watch restarts, open streams',
    response: { description: 'Prometheus text exposition format 0.0.4', contentType: 'text/plain; version=0.0.4' },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    tag: 'operations',
    summary: 'This document',
    response: { description: 'An OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) },
  },
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: a path or query parameter is invalid',
  401: 'The cluster did not accept the credentials',
  403: 'Forbidden by the cluster, or a cross-site mutation',
  404: 'No such workspace or object',
  409: 'Conflict: it already exists, or changed since it was loaded',
  413: 'The request body is too large',
  415: 'Mutations must be sent as application/json',
  422: 'Invalid: `field` names the first field at fault',
  500: 'Unexpected failure',
  503: 'Not ready: the cache has not synced, or the cluster cannot be reached',
};

/** Statuses every operation may answer with an error body (healthz excepted). */
function errorStatuses(operation: ApiOperation): number[] {
  if (operation.operationId === 'healthz') return [];
  const statuses = new Set<number>([500, 503, ...(operation.errors ?? [])]);
  if (operation.params || operation.query) statuses.add(400);
  if (operation.body) [413, 415, 422].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

type JsonSchema = Record<string, unknown>;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Drops what zod adds that says nothing to a reader: `$schema`, `$id`, safe-integer bounds. */
function tidy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tidy);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$id') continue;
    if ((key === 'minimum' && value === -MAX_SAFE) || (key === 'maximum' && value === MAX_SAFE)) continue;
    out[key] = tidy(value);
  }
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function parameters(where: 'path' | 'query', schema: AnyObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: tidy(rest),
    };
  });
}

/** Builds the document. Pure: the same rows always give the same document. */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = OPERATIONS, components: Record<string, z.ZodType> = COMPONENTS): JsonSchema {
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, fallback: string): string => {
    const existing = names.get(schema);
    if (existing) return existing;
    registry.add(schema, { id: fallback });
    names.set(schema, fallback);
    return fallback;
  };
  for (const [id, schema] of Object.entries(components)) name(schema, id);

  // Request bodies are converted as input (defaults optional); responses as output.
  const requestBodies = new Map<string, unknown>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const responses: Record<string, unknown> = {};
    const { response } = operation;
    const content: Record<string, unknown> = {};
    if (response.contentType) {
      content[response.contentType] = { schema: response.schema ? ref(name(response.schema, `${pascal(operation.operationId)}Response`)) : { type: 'string' } };
    } else if (response.schema) {
      content['application/json'] = { schema: ref(name(response.schema, `${pascal(operation.operationId)}Response`)) };
    }
    responses[String(response.status ?? 200)] = { description: response.description, ...(Object.keys(content).length > 0 ? { content } : {}) };
    for (const status of errorStatuses(operation)) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: ref('ErrorBody') } },
      };
    }

    let requestBody: unknown;
    if (operation.body) {
      const bodyName = operation.bodyName ?? `${pascal(operation.operationId)}Body`;
      if (components[bodyName]) throw new Error(`${operation.operationId}: body name ${bodyName} is taken by a response component`);
      requestBodies.set(bodyName, tidy(z.toJSONSchema(operation.body, { io: 'input', unrepresentable: 'any' })));
      requestBody = { required: true, content: { 'application/json': { schema: ref(bodyName) } } };
    }

    const pathParams = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const declared = Object.keys(operation.params?.shape ?? {});
    if (pathParams.sort().join() !== declared.sort().join()) {
      throw new Error(`${operation.method.toUpperCase()} ${operation.path}: path parameters ${pathParams.join(', ')} do not match params ${declared.join(', ')}`);
    }

    const entry = (paths[operation.path] ??= {});
    if (entry[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is described twice`);
    entry[operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      parameters: [...parameters('path', operation.params), ...parameters('query', operation.query)],
      ...(requestBody ? { requestBody } : {}),
      responses,
      ...operation.extensions,
    };
  }

  const converted = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, unknown> };
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(converted.schemas)) schemas[id] = tidy(schema);
  for (const [id, schema] of requestBodies) schemas[id] = schema;

  return {
    openapi: '3.1.0',
    info: {
      title: 'Fleet Deck BFF',
      version: '1.0.0',
      description:
        'The backend-for-frontend of Fleet Deck, a dashboard for Rancher Fleet. Lists are paged, sorted and filtered from an in-memory cache of the management cluster; errors always have the shape `{ error: { code, message, field? } }`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((tag) => ({ name: tag })),
    paths,
    components: { schemas },
  };
}

let cached: JsonSchema | undefined;

/** The document for this build, generated once per process. */
export function openApiDocument(): JsonSchema {
  return (cached ??= buildOpenApiDocument());
}
