import { z } from 'zod';

import { ALL_WORKSPACES, LIST_KINDS, workspaceParamSchema } from './schemas';

/**
 * The wire contract of `GET /api/v1/events`, the one Server-Sent Events stream per tab: which
 * objects changed (never the objects themselves; the page refetches what it shows) and whether
 * the BFF is connected to the cluster right now.
 */

/** SSE `event:` names. */
export const STREAM_EVENTS = { changes: 'changes', status: 'status' } as const;

export const changeKindSchema = z.enum([...LIST_KINDS, 'workspaces']);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/**
 * "What a page shows about this object may have changed": the object itself, or — for `gitrepos`
 * and `clusters`, always `upsert` — one of the BundleDeployments its matrix, drift view and
 * failing-clusters line are built from (BundleDeployments live in cluster namespaces no page
 * lists, so the notice names the repo and the cluster they belong to instead).
 */
export const changeNoticeSchema = z.object({
  kind: changeKindSchema,
  /** The workspace (namespace) of the object; for `workspaces` notices, the workspace itself. */
  workspace: z.string(),
  name: z.string(),
  type: z.enum(['upsert', 'delete']),
});
export type ChangeNoticeDto = z.infer<typeof changeNoticeSchema>;

/** Sent instead of single notices when a batch is too large: refetch everything of that kind. */
export const changeSummarySchema = z.object({
  kind: changeKindSchema,
  workspace: z.string(),
  /** Notices folded into this summary. */
  count: z.number().int(),
});
export type ChangeSummary = z.infer<typeof changeSummarySchema>;

/**
 * `event: changes`: notices gathered over a short window, duplicates folded. A window that
 * overflows carries only summaries (`{kind, workspace, count}`, no `name`): refetch that kind.
 */
export const changesMessageSchema = z.object({
  changes: z.array(z.union([changeNoticeSchema, changeSummarySchema])),
});
export type ChangesMessage = z.infer<typeof changesMessageSchema>;

/** `event: status`: sent on connect and whenever the BFF's connection to the cluster drops or returns. */
export const streamStatusSchema = z.object({ connected: z.boolean() });
export type StreamStatus = z.infer<typeof streamStatusSchema>;

export const eventsQuerySchema = z.object({
  /** A workspace, or `_all`. Notices about workspaces themselves are always sent. */
  ws: workspaceParamSchema.default(ALL_WORKSPACES),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;
