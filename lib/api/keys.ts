import type { ListKind, ListQuery } from './schemas';

/**
 * Query keys, built in one place so that the SSE stream can invalidate exactly what a change
 * affects: `['fleet', kind, ws, 'list', query]` and `['fleet', kind, ws, 'detail', name]`.
 */
export const fleetKeys = {
  all: ['fleet'] as const,
  workspaces: () => ['fleet', 'workspaces'] as const,
  kind: (kind: ListKind) => ['fleet', kind] as const,
  inWorkspace: (kind: ListKind, ws: string) => ['fleet', kind, ws] as const,
  list: (kind: ListKind, ws: string, query: Partial<ListQuery>) => ['fleet', kind, ws, 'list', query] as const,
  details: (kind: ListKind, ws: string) => ['fleet', kind, ws, 'detail'] as const,
  detail: (kind: ListKind, ws: string, name: string) => ['fleet', kind, ws, 'detail', name] as const,
  /**
   * Which clusters a selector or GitRepo targets would select. It sits under the workspace's
   * clusters, so a cluster change (labels, a new cluster) recomputes it.
   */
  targetPreview: (ws: string, body: unknown, limit: number) => ['fleet', 'clusters', ws, 'target-preview', { body, limit }] as const,
};

/** Who is signed in, and what they may do per workspace (not under `fleet`: change notices do not touch them). */
export const authKeys = {
  session: () => ['auth', 'session'] as const,
  access: (ws: string) => ['auth', 'access', ws] as const,
};
