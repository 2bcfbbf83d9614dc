import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';
import type { ChangeNotice as Notice } from '@/server/cache/fleet-cache';

vi.mock('server-only', () => ({}));

const { FleetCache } = await import('@/server/cache/fleet-cache');
const { scopedCache } = await import('./scoped-cache');
const { userAccess, ALL_ALLOWED, NONE_ALLOWED } = await import('./access');

const objectsByPlural: Record<string, KubeObject[]> = {
  fleetworkspaces: ['fleet-local', 'fleet-default', 'team-a'].map((name) => ({ apiVersion: 'management.cattle.io/v3', kind: 'FleetWorkspace', metadata: { name, resourceVersion: '1' } })),
  gitrepos: ['fleet-default', 'team-a', 'team-a'].map((namespace, i) => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: `repo-${i}`, namespace, resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { repo: 'https://127.0.0.1/x.git' },
  })),
  clusters: ['fleet-default', 'fleet-default', 'team-a'].map((namespace, i) => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: `c-${i}`, namespace, resourceVersion: '1', labels: { env: 'dev' } },
  })),
};

/** Sources that list fixed objects once and then keep a watch open that never says anything. */
const cache = new FleetCache(((ref: { plural: string }) => ({
  description: ref.plural,
  listPage: async () => ({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '1' }, items: objectsByPlural[ref.plural] ?? [] }),
  watch: async () => () => undefined,
})) as never);

// reader: everything in fleet-default, nothing elsewhere
const reader = userAccess(new Map([['fleet-default', ALL_ALLOWED], ['team-a', NONE_ALLOWED]]), { create: false, delete: false });
const view = scopedCache(cache, () => reader);
const query = { page: 1, pageSize: 50, sort: 'name', order: 'asc' } as const;

beforeAll(async () => {
  cache.start();
  expect(await cache.waitForSync(5_000)).toBe(true);
});
afterAll(() => cache.stop());

describe('the cache as one person may see it', () => {
  it('shows only workspaces they may list something in, with counts of what they may list', () => {
    expect(cache.workspaceNames()).toEqual(['fleet-local', 'fleet-default', 'team-a']);
    expect(view.workspaceNames()).toEqual(['fleet-default']);
    expect(view.workspaceExists('team-a')).toBe(false);
    expect(view.workspaceObject('team-a')).toBeUndefined();
    const summaries = view.workspaceSummaries();
    expect(summaries.map((s) => s.name)).toEqual(['fleet-default']);
    expect(summaries[0]!.gitrepos.total).toBe(1);
    expect(summaries[0]!.clusters.total).toBe(2);
    expect(view.counts('gitrepos').total).toBe(1);
    expect(cache.counts('gitrepos').total).toBe(3);
  });

  it('lists only readable rows across all workspaces, and refuses a hidden workspace as not found', () => {
    const all = view.list('gitrepos', undefined, { ...query });
    expect(all.items.map((row) => `${row.workspace}/${row.name}`)).toEqual(['fleet-default/repo-0']);
    expect(all.total).toBe(1);
    expect(() => view.list('gitrepos', 'team-a', { ...query })).toThrow(/does not exist/);
    expect(view.list('clusters', 'fleet-default', { ...query }).total).toBe(2);
  });

  it('hides objects, rows and object lists of unreadable workspaces', () => {
    expect(cache.object('gitrepos', 'team-a', 'repo-1')).toBeDefined();
    expect(view.object('gitrepos', 'team-a', 'repo-1')).toBeUndefined();
    expect(view.row('gitrepos', 'team-a', 'repo-1')).toBeUndefined();
    expect(view.objects('clusters').map((o) => o.metadata.name)).toEqual(['c-0', 'c-1']);
    expect(view.objects('clusters', 'team-a')).toEqual([]);
  });

  it('passes on only the change notices they may read', () => {
    const seen: Notice[] = [];
    const stop = view.subscribe((notice) => seen.push(notice));
    const emit = (notice: Notice) => (cache as unknown as { notify(n: Notice): void }).notify(notice);
    emit({ kind: 'gitrepos', workspace: 'team-a', name: 'repo-1', type: 'upsert' });
    emit({ kind: 'gitrepos', workspace: 'fleet-default', name: 'repo-0', type: 'upsert' });
    emit({ kind: 'workspaces', workspace: 'team-a', name: 'team-a', type: 'upsert' });
    stop();
    expect(seen.map((n) => `${n.kind}:${n.workspace}/${n.name}`)).toEqual(['gitrepos:fleet-default/repo-0']);
  });
});
