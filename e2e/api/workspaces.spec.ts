import { expect, test } from '@playwright/test';

import { workspaceCreatedSchema, workspaceDeletedSchema, workspaceDetailSchema } from '../../lib/api/schemas';
import { createObject, eventually, expectError, kube, seedCluster, unique } from '../support/kube';

const JSON_HEADERS = { 'content-type': 'application/json' };

test.describe('workspace endpoints', () => {
  test('create, preview the impact, and delete a workspace with everything in it', async ({ request }) => {
    const name = unique('e2e-ws');
    const res = await request.post('/api/v1/workspaces', { data: { name } });
    expect(res.status(), await res.text()).toBe(201);
    expect(workspaceCreatedSchema.parse(await res.json())).toEqual({ name, via: 'fleetworkspace' });
    const fleetWorkspace: any = await kube.custom().getClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces', name });
    expect(fleetWorkspace.metadata.name).toBe(name);
    // The answer waited for the cache: the workspace is listed right away.
    const list = await (await request.get('/api/v1/workspaces')).json();
    expect(list.items.map((w: any) => w.name)).toContain(name);

    await seedCluster(name, 'c1', { env: 'prod' });
    await seedCluster(name, 'c2');
    await createObject('clustergroups', name, { name: 'g1' }, { selector: {} });
    await createObject('gitrepos', name, { name: 'r1' }, { repo: 'https://127.0.0.1:9/x.git' });
    await createObject('bundles', name, { name: 'r1-simple', labels: { 'fleet.cattle.io/repo-name': 'r1' } }, { resources: [] });

    const detail = workspaceDetailSchema.parse(
      await eventually(request, `/api/v1/workspaces/${name}`, (b: any) => b.deletion?.impact?.bundles === 1 && b.deletion?.impact?.clusters === 2),
    );
    expect(detail.deletion).toEqual({ allowed: true, impact: { gitrepos: 1, clusters: 2, clustergroups: 1, bundles: 1 } });
    expect(detail.workspace).toMatchObject({ name, clusters: { total: 2 }, gitrepos: { total: 1 } });

    const deleted = await request.delete(`/api/v1/workspaces/${name}`, { headers: JSON_HEADERS });
    expect(deleted.status(), await deleted.text()).toBe(200);
    expect(workspaceDeletedSchema.parse(await deleted.json())).toEqual({ deleted: name, impact: { gitrepos: 1, clusters: 2, clustergroups: 1, bundles: 1 } });
    await expect(kube.custom().getClusterCustomObject({ group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces', name })).rejects.toMatchObject({ code: 404 });
    // Its namespace goes with it (the API server's namespace controller empties it first).
    await expect
      .poll(async () => kube.core().readNamespace({ name }).then((ns) => ns.status?.phase ?? 'Active', (error: any) => (error?.code === 404 ? 'gone' : 'error')), { timeout: 15_000 })
      .toMatch(/^(gone|Terminating)$/);
    await expectError(await request.get(`/api/v1/workspaces/${name}`), 404, 'not_found', 'ws');
    await expectError(await request.delete(`/api/v1/workspaces/${name}`, { headers: JSON_HEADERS }), 404, 'not_found', 'ws');
  });

  test('fleet-local and fleet-default cannot be deleted, and say so before anyone tries', async ({ request }) => {
    for (const name of ['fleet-local', 'fleet-default']) {
      const detail = workspaceDetailSchema.parse(await (await request.get(`/api/v1/workspaces/${name}`)).json());
      expect(detail.deletion.allowed).toBe(false);
      expect(detail.deletion.reason).toContain(name);
      const error = await expectError(await request.delete(`/api/v1/workspaces/${name}`, { headers: JSON_HEADERS }), 403, 'forbidden', 'ws');
      expect(error.message).toContain('cannot be deleted');
    }
    const list = await (await request.get('/api/v1/workspaces')).json();
    expect(list.items.map((w: any) => w.name)).toEqual(expect.arrayContaining(['fleet-local', 'fleet-default']));
  });

  test('bad input is refused', async ({ request }) => {
    await expectError(await request.post('/api/v1/workspaces', { data: { name: 'Has_Capitals' } }), 422, 'invalid', 'name');
    await expectError(await request.post('/api/v1/workspaces', { data: { name: 'x'.repeat(64) } }), 422, 'invalid', 'name');
    await expectError(await request.post('/api/v1/workspaces', { data: {} }), 422, 'invalid', 'name');
    await expectError(await request.post('/api/v1/workspaces', { data: { name: 'fleet-default' } }), 409, 'conflict', 'name');
    // An existing namespace cannot become a workspace (Rancher's rule).
    await expectError(await request.post('/api/v1/workspaces', { data: { name: 'default' } }), 409, 'conflict', 'name');
    await expectError(await request.get('/api/v1/workspaces/Not_Valid'), 400, 'bad_request', 'ws');
    await expectError(await request.get(`/api/v1/workspaces/${unique('missing')}`), 404, 'not_found', 'ws');
    await expectError(await request.delete('/api/v1/workspaces/_all', { headers: JSON_HEADERS }), 400, 'bad_request', 'ws');
  });
});
