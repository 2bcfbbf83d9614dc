import 'server-only';

import { CoreV1Api, CustomObjectsApi, type V1Namespace } from '@kubernetes/client-node';

import { getKubeConfig } from './config';
import { apiStatusOf, withTimeout } from './errors';

/** Rancher's cluster-scoped wrapper around a Fleet workspace namespace. */
export const FLEET_WORKSPACE_GVR = {
  group: 'management.cattle.io',
  version: 'v3',
  plural: 'fleetworkspaces',
} as const;

const GITREPO_GVR = { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'gitrepos' } as const;

/** Rancher marks namespaces that back a workspace with this annotation. */
export const WORKSPACE_ANNOTATION = 'management.cattle.io/fleet-workspace-name';

/** Workspaces that Fleet and Rancher always treat as such. */
export const WELL_KNOWN_WORKSPACES = ['fleet-local', 'fleet-default'] as const;

const REQUEST_TIMEOUT_MS = 8_000;

export interface Workspace {
  name: string;
  /** ISO timestamp, when the server reported one. */
  createdAt?: string;
  /** True for `fleet-local`, which only ever targets the management cluster itself. */
  local: boolean;
}

export interface WorkspaceList {
  items: Workspace[];
  /** `fleetworkspaces` when Rancher's API answered; `namespaces` when we inferred them. */
  source: 'fleetworkspaces' | 'namespaces';
}

interface ObjectMetaLike {
  name?: unknown;
  creationTimestamp?: unknown;
}

function toWorkspace(meta: ObjectMetaLike | undefined): Workspace | undefined {
  const name = typeof meta?.name === 'string' ? meta.name : undefined;
  if (!name) return undefined;
  const ts = meta?.creationTimestamp;
  const createdAt = ts instanceof Date ? ts.toISOString() : typeof ts === 'string' ? ts : undefined;
  return { name, createdAt, local: name === 'fleet-local' };
}

/** `fleet-local` first, then `fleet-default`, then the rest by name. */
export function sortWorkspaces(items: Workspace[]): Workspace[] {
  const rank = (n: string) => {
    const i = (WELL_KNOWN_WORKSPACES as readonly string[]).indexOf(n);
    return i === -1 ? WELL_KNOWN_WORKSPACES.length : i;
  };
  return [...items].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

async function listFromFleetWorkspaces(custom: CustomObjectsApi): Promise<Workspace[]> {
  const list = (await withTimeout(
    custom.listClusterCustomObject({ ...FLEET_WORKSPACE_GVR }),
    REQUEST_TIMEOUT_MS,
  )) as { items?: Array<{ metadata?: ObjectMetaLike }> };
  return (list.items ?? []).flatMap((o) => toWorkspace(o.metadata) ?? []);
}

/** Namespaces of GitRepos, if Fleet's CRDs are installed; empty otherwise. */
async function gitRepoNamespaces(custom: CustomObjectsApi): Promise<Set<string>> {
  try {
    const list = (await withTimeout(
      custom.listClusterCustomObject({ ...GITREPO_GVR }),
      REQUEST_TIMEOUT_MS,
    )) as { items?: Array<{ metadata?: { namespace?: unknown } }> };
    return new Set((list.items ?? []).flatMap((o) => (typeof o.metadata?.namespace === 'string' ? [o.metadata.namespace] : [])));
  } catch (err) {
    const status = apiStatusOf(err);
    if (status === 404 || status === 403) return new Set();
    throw err;
  }
}

/** Standalone Fleet has no FleetWorkspace API: a workspace is a namespace that holds Fleet objects. */
export function isWorkspaceNamespace(ns: V1Namespace, withGitRepos: ReadonlySet<string>): boolean {
  const name = ns.metadata?.name;
  if (!name) return false;
  return (
    (WELL_KNOWN_WORKSPACES as readonly string[]).includes(name) ||
    Boolean(ns.metadata?.annotations?.[WORKSPACE_ANNOTATION]) ||
    withGitRepos.has(name)
  );
}

async function listFromNamespaces(custom: CustomObjectsApi, core: CoreV1Api): Promise<Workspace[]> {
  const [namespaces, withGitRepos] = await Promise.all([
    withTimeout(core.listNamespace(), REQUEST_TIMEOUT_MS),
    gitRepoNamespaces(custom),
  ]);
  return namespaces.items.filter((ns) => isWorkspaceNamespace(ns, withGitRepos)).flatMap((ns) => toWorkspace(ns.metadata) ?? []);
}

/**
 * Fleet workspaces on the management cluster: Rancher's `fleetworkspaces` when that API exists,
 * otherwise the namespaces that act as workspaces. Errors propagate; map them with `toKubeFailure`.
 */
export async function listWorkspaces(): Promise<WorkspaceList> {
  const kc = getKubeConfig();
  const custom = kc.makeApiClient(CustomObjectsApi);
  try {
    return { items: sortWorkspaces(await listFromFleetWorkspaces(custom)), source: 'fleetworkspaces' };
  } catch (err) {
    if (apiStatusOf(err) !== 404) throw err;
  }
  const core = kc.makeApiClient(CoreV1Api);
  return { items: sortWorkspaces(await listFromNamespaces(custom, core)), source: 'namespaces' };
}
