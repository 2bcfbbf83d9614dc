import { describe, expect, it, vi } from 'vitest';

import type { AccessReviewer as Reviewer } from './access';
import type { ResourceRule as Rule } from './rules';

vi.mock('server-only', () => ({}));

const { AccessCache, tokenKey, workspacePermissions } = await import('./access');

const FLEET_READ: Rule = { verbs: ['get', 'list', 'watch'], apiGroups: ['fleet.cattle.io'], resources: ['*'] };
const GITREPO_WRITE: Rule = { verbs: ['create', 'update', 'patch', 'delete'], apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'] };

/** A reviewer answering from fixed rules per namespace, counting its calls. */
function fakeReviewer(rules: Record<string, Rule[] | undefined>, allowed: (q: { verb: string; resource: string; namespace?: string }) => boolean = () => false) {
  const calls = { rules: 0, allowed: 0 };
  const reviewer: Reviewer = {
    rules: async (namespace) => {
      calls.rules++;
      return rules[namespace];
    },
    allowed: async (question) => {
      calls.allowed++;
      return allowed(question);
    },
  };
  return { reviewer, calls };
}

describe('workspace permissions', () => {
  it('come from the rules review when it is served', async () => {
    const { reviewer, calls } = fakeReviewer({ 'team-a': [FLEET_READ, GITREPO_WRITE] });
    const permissions = await workspacePermissions(reviewer, 'team-a');
    expect(permissions.gitrepos).toMatchObject({ list: true, create: true, delete: true });
    expect(permissions.clusters).toMatchObject({ list: true, create: false, update: false });
    expect(permissions.secrets.list).toBe(false);
    expect(calls.allowed).toBe(0);
  });

  it('do not count rules limited to resourceNames as access to the kind', async () => {
    const { reviewer } = fakeReviewer({ ns: [{ verbs: ['get', 'list'], apiGroups: ['fleet.cattle.io'], resources: ['gitrepos'], resourceNames: ['one'] }] });
    expect((await workspacePermissions(reviewer, 'ns')).gitrepos.list).toBe(false);
  });

  it('fall back to one access review per question when the rules review gives nothing', async () => {
    const { reviewer, calls } = fakeReviewer({}, (q) => q.namespace === 'ns' && q.resource === 'bundles' && q.verb === 'list');
    const permissions = await workspacePermissions(reviewer, 'ns');
    expect(permissions.bundles.list).toBe(true);
    expect(permissions.bundles.get).toBe(false);
    expect(permissions.gitrepos.list).toBe(false);
    expect(calls.allowed).toBeGreaterThan(20);
  });
});

describe('AccessCache', () => {
  it('answers visibility and verbs per workspace; a workspace without any list is invisible', async () => {
    const { reviewer } = fakeReviewer({ 'fleet-default': [FLEET_READ] });
    const access = await new AccessCache().load('reader-token', reviewer, ['fleet-local', 'fleet-default', 'team-a']);
    expect(access.unrestricted).toBe(false);
    expect(access.visible('fleet-default')).toBe(true);
    expect(access.visible('team-a')).toBe(false);
    expect(access.visible('never-heard-of')).toBe(false);
    expect(access.readable('clusters', 'fleet-default')).toBe(true);
    expect(access.can('gitrepos', 'fleet-default', 'create')).toBe(false);
    expect(access.workspaces).toEqual({ create: false, delete: false });
  });

  it('asks once per person and workspace within the TTL, again after it, and shares concurrent loads', async () => {
    let now = 0;
    const cache = new AccessCache({ ttlMs: 30_000, now: () => now });
    const { reviewer, calls } = fakeReviewer({ ws: [FLEET_READ] });
    await Promise.all([cache.load('token-1', reviewer, ['ws']), cache.load('token-1', reviewer, ['ws'])]);
    expect(calls.rules).toBe(1);
    now = 29_999;
    await cache.load('token-1', reviewer, ['ws']);
    expect(calls.rules).toBe(1);
    await cache.load('token-2', reviewer, ['ws']);
    expect(calls.rules).toBe(2);
    now = 30_001;
    await cache.load('token-1', reviewer, ['ws']);
    expect(calls.rules).toBe(3);
  });

  it('does not keep a failed review', async () => {
    const cache = new AccessCache();
    let fail = true;
    const reviewer: Reviewer = {
      rules: async () => {
        if (fail) throw new Error('API server away');
        return [FLEET_READ];
      },
      allowed: async () => false,
    };
    await expect(cache.load('t', reviewer, ['ws'])).rejects.toThrow('API server away');
    fail = false;
    expect((await cache.load('t', reviewer, ['ws'])).visible('ws')).toBe(true);
  });

  it('stays within its size bound, dropping the oldest entries', async () => {
    const cache = new AccessCache({ maxEntries: 10 });
    const { reviewer } = fakeReviewer({});
    for (let i = 0; i < 20; i++) await cache.load(`token-${i}`, reviewer, ['a', 'b']);
    expect(cache.size).toBeLessThanOrEqual(10);
  });

  it('keys people by a hash, never the token', () => {
    expect(tokenKey('secret-token')).not.toContain('secret');
    expect(tokenKey('secret-token')).toBe(tokenKey('secret-token'));
    expect(tokenKey('secret-token')).not.toBe(tokenKey('secret-token2'));
  });
});
