'use client';

import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';

import { apiGet } from './client';
import { authKeys } from './keys';
import { sessionSchema, workspaceAccessSchema, type AccessKindDto, type AccessVerbDto, type Session, type WorkspaceAccess } from './schemas';

/**
 * What the signed-in person may do, for the UI to offer only that (Headlamp's way: ask the API
 * server, hide nothing it would allow, offer nothing it would refuse). In local mode everything
 * is allowed and no access is asked for; in team mode the BFF answers per workspace
 * (`GET /api/v1/workspaces/{ws}/access`, cached 30 s there and here). The API server still has
 * the last word on every write.
 *
 *   const can = useCan(ws, 'gitrepos', 'delete');
 *   <Button disabled={!can.allowed} title={can.reason}>Delete…</Button>
 */

const ACCESS_STALE_MS = 30_000;

export function sessionQuery() {
  return queryOptions({
    queryKey: authKeys.session(),
    queryFn: (): Promise<Session> => apiGet('/api/v1/session', sessionSchema),
    staleTime: 5 * 60_000,
  });
}

/** Who is signed in (`mode: 'none'` in local mode); prefetched by the workspace layout. */
export function useSession() {
  return useQuery(sessionQuery());
}

export function accessQuery(ws: string) {
  return queryOptions({
    queryKey: authKeys.access(ws),
    queryFn: (): Promise<WorkspaceAccess> => apiGet(`/api/v1/workspaces/${encodeURIComponent(ws)}/access`, workspaceAccessSchema),
    staleTime: ACCESS_STALE_MS,
  });
}

/** The person's verbs per kind in `ws` (team mode); in local mode nothing is asked: use {@link useCan}. */
export function useAccess(ws: string) {
  const session = useSession();
  return useQuery({ ...accessQuery(ws), enabled: session.data?.mode === 'token' });
}

const KIND_WORDS: Record<AccessKindDto | 'workspaces', string> = {
  gitrepos: 'Git repos',
  clusters: 'clusters',
  clustergroups: 'cluster groups',
  bundles: 'bundles',
  secrets: 'secrets',
  workspaces: 'workspaces',
};
const VERB_WORDS: Record<AccessVerbDto, string> = {
  get: 'read',
  list: 'list',
  watch: 'watch',
  create: 'create',
  update: 'change',
  patch: 'change',
  delete: 'delete',
};

/** Why a button is off, in the person's words: "You cannot create Git repos in team-a". */
export function deniedReason(kind: AccessKindDto | 'workspaces', verb: AccessVerbDto, ws?: string): string {
  return `You cannot ${VERB_WORDS[verb]} ${KIND_WORDS[kind]}${ws ? ` in ${ws}` : ''}`;
}

export interface Can {
  /** False while access is loading in team mode, so nothing is offered that may be refused. */
  allowed: boolean;
  pending: boolean;
  /** Set when the answer is no. */
  reason?: string;
}

const ALLOWED: Can = { allowed: true, pending: false };

/**
 * Whether the person may use `verb` on `kind` in every one of `workspaces` (the rows of a bulk
 * selection may span several in the all-workspaces view).
 */
export function useCanIn(workspaces: readonly string[], kind: AccessKindDto, verb: AccessVerbDto): Can {
  const session = useSession();
  const local = session.data?.mode === 'none';
  const names = [...new Set(workspaces)].sort();
  const answers = useQueries({ queries: names.map((ws) => ({ ...accessQuery(ws), enabled: session.data?.mode === 'token' })) });
  if (local) return ALLOWED;
  if (!session.data || answers.some((answer) => answer.isPending)) return { allowed: false, pending: true };
  const denied = names.find((_, i) => answers[i]?.data?.kinds[kind][verb] !== true);
  return denied === undefined ? ALLOWED : { allowed: false, pending: false, reason: deniedReason(kind, verb, denied) };
}

export function useCan(ws: string, kind: AccessKindDto, verb: AccessVerbDto): Can {
  return useCanIn([ws], kind, verb);
}

/** Whether workspaces may be created / deleted (cluster-scoped: asked through any workspace the person sees). */
export function useCanWorkspaces(ws: string, verb: 'create' | 'delete'): Can {
  const session = useSession();
  const answer = useAccess(ws);
  if (session.data?.mode === 'none') return ALLOWED;
  if (!session.data || answer.isPending) return { allowed: false, pending: true };
  return answer.data?.workspaces[verb] ? ALLOWED : { allowed: false, pending: false, reason: deniedReason('workspaces', verb) };
}

/** A menu item switched off, with the reason as its hint, when `can` says no. */
export function gated<T extends { disabled?: boolean; hint?: string }>(item: T, can: Can): T {
  if (can.allowed) return item;
  return { ...item, disabled: true, hint: can.reason ?? 'Checking what you may do…' };
}

/** Which of the write verbs the person may use on `kind` in these workspaces, one answer each. */
export function useWriteAccess(workspaces: readonly string[], kind: AccessKindDto): Record<'create' | 'update' | 'patch' | 'delete', Can> {
  return {
    create: useCanIn(workspaces, kind, 'create'),
    update: useCanIn(workspaces, kind, 'update'),
    patch: useCanIn(workspaces, kind, 'patch'),
    delete: useCanIn(workspaces, kind, 'delete'),
  };
}
