import 'server-only';

import type { BucketCounts, ListKind, ListQuery, Page, RowByKind } from '@/lib/api/schemas';
import type { KubeObject } from '@/lib/k8s/object';
import type { ChangeNotice, FleetCache } from '@/server/cache/fleet-cache';
import { BffError } from '@/server/http/errors';

import { RESOURCE_OF, type UserAccess } from './access';

const ZERO: BucketCounts = { total: 0, error: 0, warning: 0, active: 0, pending: 0 };

/**
 * The shared cache as one person may see it: the same object (every view, detail and stream
 * takes it where it took the cache), with the reads that hand out objects, rows, counts,
 * workspaces and change notices narrowed to the workspaces and kinds their access allows. A
 * workspace they may not list anything in does not exist for them, exactly like one that does
 * not exist at all.
 *
 * It is the cache with some methods replaced (the cache is its prototype), so the cache's own
 * compositions — summaries built from names and counts — are narrowed too, and nothing is copied.
 * `access` is a function so that a long-lived stream can refresh it.
 */
export function scopedCache(cache: FleetCache, access: () => UserAccess): FleetCache {
  const view = Object.create(cache) as FleetCache;
  const readable = (kind: ListKind, workspace: string | undefined) => workspace !== undefined && access().readable(kind, workspace);

  const overrides: Partial<FleetCache> = {
    object<T extends KubeObject = KubeObject>(kind: ListKind, workspace: string, name: string): T | undefined {
      return readable(kind, workspace) ? cache.object<T>(kind, workspace, name) : undefined;
    },
    objects<T extends KubeObject = KubeObject>(kind: ListKind, workspace?: string): T[] {
      if (workspace !== undefined) return readable(kind, workspace) ? cache.objects<T>(kind, workspace) : [];
      return cache.objects<T>(kind).filter((object) => readable(kind, object.metadata.namespace));
    },
    row<K extends ListKind>(kind: K, workspace: string, name: string): RowByKind[K] | undefined {
      return readable(kind, workspace) ? cache.row(kind, workspace, name) : undefined;
    },
    bundlesOfRepo(workspace: string, repo: string) {
      return readable('bundles', workspace) ? cache.bundlesOfRepo(workspace, repo) : [];
    },
    list<K extends ListKind>(kind: K, workspace: string | undefined, query: ListQuery, inWorkspace?: (workspace: string) => boolean): Page<RowByKind[K]> {
      if (workspace === undefined) {
        return cache.list(kind, undefined, query, (ws) => readable(kind, ws) && (!inWorkspace || inWorkspace(ws)));
      }
      if (!access().visible(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
      if (!readable(kind, workspace)) throw forbiddenList(kind, workspace);
      return cache.list(kind, workspace, query, inWorkspace);
    },
    workspaceNames(): string[] {
      const current = access();
      return cache.workspaceNames().filter((name) => current.visible(name));
    },
    workspaceExists(name: string): boolean {
      return access().visible(name) && cache.workspaceExists(name);
    },
    workspaceObject(name: string) {
      return access().visible(name) ? cache.workspaceObject(name) : undefined;
    },
    counts(kind: ListKind, workspace?: string): BucketCounts {
      if (workspace !== undefined) return readable(kind, workspace) ? cache.counts(kind, workspace) : { ...ZERO };
      const current = access();
      const names = cache.workspaceNames();
      if (names.every((name) => current.readable(kind, name))) return cache.counts(kind);
      return names.filter((name) => current.readable(kind, name)).reduce((sum, name) => add(sum, cache.counts(kind, name)), { ...ZERO });
    },
    subscribe(listener: (notice: ChangeNotice) => void): () => void {
      return cache.subscribe((notice) => {
        if (noticeVisible(access(), notice)) listener(notice);
      });
    },
  };
  return Object.assign(view, overrides);
}

function noticeVisible(access: UserAccess, notice: ChangeNotice): boolean {
  if (notice.kind === 'workspaces') return access.visible(notice.workspace);
  return access.readable(notice.kind, notice.workspace);
}

function add(a: BucketCounts, b: BucketCounts): BucketCounts {
  return { total: a.total + b.total, error: a.error + b.error, warning: a.warning + b.warning, active: a.active + b.active, pending: a.pending + b.pending };
}

function forbiddenList(kind: ListKind, workspace: string): BffError {
  const { group, resource } = RESOURCE_OF[kind];
  return new BffError('forbidden', `You may not list ${resource}.${group} in workspace "${workspace}"`);
}

