import 'server-only';

import { createHash } from 'node:crypto';

import type { AccessVerbDto, ListKind } from '@/lib/api/schemas';
import { ACCESS_VERBS, LIST_KINDS } from '@/lib/api/schemas';

import { rulesAllow, type ResourceRule } from './rules';

/**
 * What one signed-in person may do, decided by the API server for their token and kept for a
 * short while: every read the BFF serves from its shared cache (read with the dashboard's own
 * service account) is filtered through here, and the UI asks here which buttons to offer.
 *
 * One SelfSubjectRulesReview per workspace answers every verb on every kind at once; when the
 * API server does not serve it, or says its answer is incomplete, each question is a
 * SelfSubjectAccessReview instead. Whether workspaces may be created or deleted (cluster-scoped)
 * is always a SelfSubjectAccessReview.
 */

export { ACCESS_VERBS };
export type AccessVerb = AccessVerbDto;

/** Kinds whose access is looked at per workspace: the Fleet kinds and the Secrets a GitRepo's auth needs. */
export type AccessKind = ListKind | 'secrets';
export const ACCESS_KINDS: readonly AccessKind[] = [...LIST_KINDS, 'secrets'];

export const RESOURCE_OF: Record<AccessKind, { group: string; resource: string }> = {
  gitrepos: { group: 'fleet.cattle.io', resource: 'gitrepos' },
  clusters: { group: 'fleet.cattle.io', resource: 'clusters' },
  clustergroups: { group: 'fleet.cattle.io', resource: 'clustergroups' },
  bundles: { group: 'fleet.cattle.io', resource: 'bundles' },
  secrets: { group: '', resource: 'secrets' },
};

/** A question for a SelfSubjectAccessReview. */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  /** Absent for cluster-scoped resources. */
  namespace?: string;
}

/** The API calls access is decided with, made with the person's own token. */
export interface AccessReviewer {
  /** The rules in a namespace, or undefined when the rules review is not served or is incomplete. */
  rules(namespace: string): Promise<ResourceRule[] | undefined>;
  allowed(question: AccessQuestion): Promise<boolean>;
}

/** Per kind, per verb: allowed or not, in one workspace. */
export type WorkspacePermissions = Record<AccessKind, Record<AccessVerb, boolean>>;

export interface UserAccess {
  /** True in local mode: everything is allowed and nothing is asked. */
  readonly unrestricted: boolean;
  can(kind: AccessKind, workspace: string, verb: AccessVerb): boolean;
  /** May list the kind there (what reads of lists, counts and details need). */
  readable(kind: ListKind, workspace: string): boolean;
  /** The workspace may be shown at all: at least one Fleet kind may be listed there. */
  visible(workspace: string): boolean;
  permissions(workspace: string): WorkspacePermissions;
  /** Workspaces are cluster-scoped: creating and deleting them is asked once. */
  workspaces: { create: boolean; delete: boolean };
}

function permissionsFrom(decide: (kind: AccessKind, verb: AccessVerb) => boolean): WorkspacePermissions {
  return Object.fromEntries(ACCESS_KINDS.map((kind) => [kind, Object.fromEntries(ACCESS_VERBS.map((verb) => [verb, decide(kind, verb)]))])) as WorkspacePermissions;
}

export const ALL_ALLOWED: WorkspacePermissions = permissionsFrom(() => true);
export const NONE_ALLOWED: WorkspacePermissions = permissionsFrom(() => false);

/** Local mode: the kubeconfig's identity, with the API server as the only judge. */
export const UNRESTRICTED: UserAccess = {
  unrestricted: true,
  can: () => true,
  readable: () => true,
  visible: () => true,
  permissions: () => ALL_ALLOWED,
  workspaces: { create: true, delete: true },
};

export function userAccess(byWorkspace: ReadonlyMap<string, WorkspacePermissions>, workspaces: { create: boolean; delete: boolean }): UserAccess {
  const permissions = (workspace: string) => byWorkspace.get(workspace) ?? NONE_ALLOWED;
  return {
    unrestricted: false,
    // Unknown kinds (a kind added to the cache later) are not readable: fail closed.
    can: (kind, workspace, verb) => permissions(workspace)[kind]?.[verb] === true,
    readable: (kind, workspace) => permissions(workspace)[kind]?.list === true,
    visible: (workspace) => LIST_KINDS.some((kind) => permissions(workspace)[kind].list),
    permissions,
    workspaces,
  };
}

/** One workspace's permissions: from its rules, or question by question. */
export async function workspacePermissions(reviewer: AccessReviewer, namespace: string): Promise<WorkspacePermissions> {
  const rules = await reviewer.rules(namespace);
  if (rules) return permissionsFrom((kind, verb) => rulesAllow(rules, verb, RESOURCE_OF[kind].group, RESOURCE_OF[kind].resource));
  const answers = new Map<string, boolean>();
  await Promise.all(
    ACCESS_KINDS.flatMap((kind) =>
      ACCESS_VERBS.map(async (verb) => {
        answers.set(`${kind}/${verb}`, await reviewer.allowed({ verb, ...RESOURCE_OF[kind], namespace }));
      }),
    ),
  );
  return permissionsFrom((kind, verb) => answers.get(`${kind}/${verb}`) ?? false);
}

async function workspaceVerbs(reviewer: AccessReviewer): Promise<{ create: boolean; delete: boolean }> {
  const ask = async (verb: string) =>
    (await reviewer.allowed({ verb, group: 'management.cattle.io', resource: 'fleetworkspaces' })) ||
    (await reviewer.allowed({ verb, group: '', resource: 'namespaces' }));
  const [create, remove] = await Promise.all([ask('create'), ask('delete')]);
  return { create, delete: remove };
}

interface Entry<T> {
  value: Promise<T>;
  expires: number;
}

export interface AccessCacheOptions {
  ttlMs?: number;
  /** Entries kept at most (per person per workspace, plus one per person); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Access answers per person (keyed by a hash of the token, never the token) and workspace, kept
 * `ttlMs` (30 s): a page load makes a dozen requests, and asking the API server once for them is
 * enough; a change of RoleBindings shows within the TTL. Concurrent requests share one review.
 * Failed reviews are not kept.
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: AccessCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Everything the person may do in these workspaces. */
  async load(token: string, reviewer: AccessReviewer, workspaces: readonly string[]): Promise<UserAccess> {
    const user = tokenKey(token);
    const [verbs, ...perWorkspace] = await Promise.all([
      this.remember(`${user}|*`, () => workspaceVerbs(reviewer)),
      ...workspaces.map((workspace) => this.remember(`${user}|ns:${workspace}`, () => workspacePermissions(reviewer, workspace))),
    ]);
    return userAccess(new Map(workspaces.map((workspace, i) => [workspace, perWorkspace[i]!])), verbs);
  }

  private remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key) as Entry<T> | undefined;
    if (entry && entry.expires > now) return entry.value;
    if (entry) this.entries.delete(key);
    const value = compute();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}

/** A person's key in caches and logs: a hash, so the token itself is never kept or shown. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 32);
}
