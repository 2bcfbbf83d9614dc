import { z } from 'zod';

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
  'not_ready',
  'cluster_unreachable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), field: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
