import { expect, test } from '@playwright/test';

import { createObject, createWorkspace, expectError, getObject, kube, seedCluster } from '../support/kube';

/**
 * Every endpoint that changes something refuses cross-site callers (403) and bodies that are not
 * JSON (415) before it does anything.
 */
test.describe('mutation guards', () => {
  let ws: string;
  let mutations: { method: string; path: string; data: unknown }[];

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-guards');
    await createObject('gitrepos', ws, { name: 'repo' }, { repo: 'https://127.0.0.1:9/x.git' });
    await createObject('clustergroups', ws, { name: 'group' }, { selector: {} });
    await seedCluster(ws, 'cluster', { env: 'prod' });
    const other = await createWorkspace(request, 'e2e-guards-to');
    const base = `/api/v1/workspaces/${ws}`;
    mutations = [
      { method: 'POST', path: '/api/v1/workspaces', data: { name: 'guarded-ws' } },
      { method: 'DELETE', path: base, data: undefined },
      { method: 'POST', path: `${base}/gitrepos`, data: { gitRepo: { metadata: { name: 'guarded' }, spec: { repo: 'https://x/y' } } } },
      { method: 'PUT', path: `${base}/gitrepos/repo`, data: { metadata: { resourceVersion: '1' }, spec: { branch: 'x' } } },
      { method: 'DELETE', path: `${base}/gitrepos/repo`, data: undefined },
      { method: 'POST', path: `${base}/clustergroups`, data: { metadata: { name: 'guarded' }, spec: {} } },
      { method: 'PUT', path: `${base}/clustergroups/group`, data: { metadata: { resourceVersion: '1' } } },
      { method: 'DELETE', path: `${base}/clustergroups/group`, data: undefined },
      { method: 'PATCH', path: `${base}/clusters/cluster/labels`, data: { set: { env: 'dev' } } },
      ...['pause', 'unpause', 'forceUpdate', 'enablePolling', 'disablePolling'].map((action) => ({ method: 'POST', path: `${base}/gitrepos/repo/actions/${action}`, data: {} })),
      ...['pause', 'unpause', 'forceUpdate'].map((action) => ({ method: 'POST', path: `${base}/clusters/cluster/actions/${action}`, data: {} })),
      { method: 'POST', path: `${base}/clusters/cluster/actions/move`, data: { to: other } },
      { method: 'POST', path: `${base}/target-preview`, data: {} },
    ];
  });

  const unchanged = async (before: string[]) => {
    const now = [
      (await getObject('gitrepos', ws, 'repo')).metadata.resourceVersion,
      (await getObject('clustergroups', ws, 'group')).metadata.resourceVersion,
      (await getObject('clusters', ws, 'cluster')).metadata.resourceVersion,
    ];
    expect(now).toEqual(before);
    await expect(getObject('gitrepos', ws, 'guarded')).rejects.toMatchObject({ code: 404 });
    await expect(kube.core().readNamespace({ name: 'guarded-ws' })).rejects.toMatchObject({ code: 404 });
  };
  const versions = async () => [
    (await getObject('gitrepos', ws, 'repo')).metadata.resourceVersion,
    (await getObject('clustergroups', ws, 'group')).metadata.resourceVersion,
    (await getObject('clusters', ws, 'cluster')).metadata.resourceVersion,
  ];

  test('a cross-origin mutation is refused with 403', async ({ request }) => {
    const before = await versions();
    for (const { method, path, data } of mutations) {
      const res = await request.fetch(path, { method, headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, data: data === undefined ? undefined : JSON.stringify(data) });
      const error = await expectError(res, 403, 'forbidden');
      expect(error.message, `${method} ${path}`).toContain('Cross-origin');
    }
    // Browsers also say it with Sec-Fetch-Site.
    const res = await request.fetch(`/api/v1/workspaces/${ws}/gitrepos/repo/actions/pause`, { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, data: '{}' });
    await expectError(res, 403, 'forbidden');
    await unchanged(before);
  });

  test('a mutation that is not JSON is refused with 415', async ({ request }) => {
    const before = await versions();
    for (const { method, path, data } of mutations) {
      const res = await request.fetch(path, { method, headers: { 'content-type': 'text/plain' }, data: data === undefined ? undefined : JSON.stringify(data) });
      await expectError(res, 415, 'unsupported_media_type');
      const form = await request.fetch(path, { method, form: { name: 'x' } });
      await expectError(form, 415, 'unsupported_media_type');
    }
    await unchanged(before);
  });

  test('a same-origin mutation passes the guard', async ({ request, baseURL }) => {
    const res = await request.post(`/api/v1/workspaces/${ws}/target-preview`, { headers: { origin: new URL(baseURL!).origin }, data: {} });
    expect(res.status(), await res.text()).toBe(200);
  });
});
