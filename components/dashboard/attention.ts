import type { ListKind, ListQuery, StateBucket } from '@/lib/api/schemas';

/**
 * What the dashboard's "Needs attention" list asks the BFF for — shared by the server page
 * (prefetch) and the client component, so both use the same query keys. Errors come before
 * warnings; within each, Git Repos, then Bundles, then Clusters.
 */
export const ATTENTION_PAGE_SIZE = 8;
export const ATTENTION_KINDS = ['gitrepos', 'bundles', 'clusters'] as const satisfies readonly ListKind[];
export const ATTENTION_BUCKETS = ['error', 'warning'] as const satisfies readonly StateBucket[];

export interface AttentionSlice {
  kind: (typeof ATTENTION_KINDS)[number];
  bucket: (typeof ATTENTION_BUCKETS)[number];
  query: Partial<ListQuery>;
}

export const ATTENTION_SLICES: readonly AttentionSlice[] = ATTENTION_BUCKETS.flatMap((bucket) =>
  ATTENTION_KINDS.map((kind) => ({ kind, bucket, query: { state: bucket, pageSize: ATTENTION_PAGE_SIZE } })),
);
