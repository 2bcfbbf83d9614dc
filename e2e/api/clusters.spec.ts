import { expect, test } from '@playwright/test';

import { actionResultSchema, objectWrittenSchema } from '../../lib/api/schemas';
import { createObject, createWorkspace, eventually, expectError, getObject, listObjects, seedCluster, unique } from '../support/kube';

test.describe('Cluster endpoints', () => {
  let ws: string;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-clusters');
  });

  test('label edit sets and removes labels in one change', async ({ request }) => {
    const name = await seedCluster(ws, unique('c'), { env: 'dev', region: 'eu', 'example.com/owner': 'team-a' });
    const res = await request.patch(`/api/v1/workspaces/${ws}/clusters/${name}/labels`, {
      data: { set: { env: 'prod', 'example.com/tier': 'gold' }, remove: ['region', 'not-there'] },
    });
    expect(res.status(), await res.text()).toBe(200);
    const written = objectWrittenSchema.parse(await res.json());
    expect(written.object.metadata.labels).toEqual({ env: 'prod', 'example.com/owner': 'team-a', 'example.com/tier': 'gold' });
    expect((await getObject('clusters', ws, name)).metadata.labels).toEqual({ env: 'prod', 'example.com/owner': 'team-a', 'example.com/tier': 'gold' });
    // The row the list shows already has the new labels (the answer waited for the cache).
    const page = await (await request.get(`/api/v1/workspaces/${ws}/clusters?label=env%3Dprod&q=${name}`)).json();
    expect(page.items.map((row: any) => row.name)).toEqual([name]);
  });

  test('label edit is refused with the field named, and nothing changes', async ({ request }) => {
    const name = await seedCluster(ws, unique('c'), { env: 'dev' });
    const before = (await getObject('clusters', ws, name)).metadata.resourceVersion;
    const patch = (data: unknown) => request.patch(`/api/v1/workspaces/${ws}/clusters/${name}/labels`, { data });
    await expectError(await patch({ set: { env: 'not valid!' } }), 422, 'invalid', 'set[env]');
    await expectError(await patch({ set: { 'bad key!': 'x' } }), 422, 'invalid', 'set');
    await expectError(await patch({ remove: ['ok', 'Bad Key'] }), 422, 'invalid', 'remove[1]');
    await expectError(await patch({ set: { 'fleet.cattle.io/cluster': 'x' } }), 422, 'invalid', 'set[fleet.cattle.io/cluster]');
    await expectError(await patch({ set: { a: 'b' }, remove: ['a'] }), 422, 'invalid', 'remove[0]');
    await expectError(await patch({}), 422, 'invalid', 'set');
    await expectError(await patch({ set: { env: 'x' }, resourceVersion: '1' }), 409, 'conflict');
    expect((await getObject('clusters', ws, name)).metadata.resourceVersion).toBe(before);
    await expectError(await request.patch(`/api/v1/workspaces/${ws}/clusters/${unique('missing')}/labels`, { data: { set: { a: 'b' } } }), 404, 'not_found');
    await expectError(await request.patch(`/api/v1/workspaces/${ws}/gitrepos/${name}/labels`, { data: { set: { a: 'b' } } }), 400, 'bad_request', 'kind');
  });

  test('actions: pause, unpause and forceUpdate (redeployAgentGeneration + 1)', async ({ request }) => {
    const name = await seedCluster(ws, unique('c'), {}, { redeployAgentGeneration: 2 });
    const act = async (action: string) => {
      const res = await request.post(`/api/v1/workspaces/${ws}/clusters/${name}/actions/${action}`, { data: {} });
      expect(res.status(), await res.text()).toBe(200);
      expect(actionResultSchema.parse(await res.json()).action).toBe(action);
      return (await getObject('clusters', ws, name)).spec;
    };
    expect((await act('pause')).paused).toBe(true);
    const row = (await (await request.get(`/api/v1/workspaces/${ws}/clusters?q=${name}`)).json()).items[0];
    expect(row).toMatchObject({ name, paused: true });
    expect((await act('unpause')).paused).toBe(false);
    expect((await act('forceUpdate')).redeployAgentGeneration).toBe(3);
    expect((await act('forceUpdate')).redeployAgentGeneration).toBe(4);
    await expectError(await request.post(`/api/v1/workspaces/${ws}/clusters/${name}/actions/disablePolling`, { data: {} }), 400, 'bad_request', 'action');
  });

  test('move recreates the Cluster in the target workspace with its labels and spec, and deletes the old one', async ({ request }) => {
    const target = await createWorkspace(request, 'e2e-move-to');
    const name = await seedCluster(ws, unique('c'), { env: 'prod', 'example.com/owner': 'ops' }, { kubeConfigSecret: 'kc-secret', agentNamespace: 'cattle-fleet-system', redeployAgentGeneration: 7 });
    await eventually(request, `/api/v1/workspaces/${ws}/clusters/${name}`, (_b, status) => status === 200);

    const res = await request.post(`/api/v1/workspaces/${ws}/clusters/${name}/actions/move`, { data: { to: target } });
    expect(res.status(), await res.text()).toBe(200);
    const result = actionResultSchema.parse(await res.json());
    expect(result.object.metadata).toMatchObject({ name, namespace: target });

    const moved = await getObject('clusters', target, name);
    expect(moved.metadata.labels).toEqual({ env: 'prod', 'example.com/owner': 'ops' });
    // The kubeconfig Secret stays in the old workspace and is referenced there.
    expect(moved.spec).toMatchObject({ kubeConfigSecret: 'kc-secret', kubeConfigSecretNamespace: ws, agentNamespace: 'cattle-fleet-system', redeployAgentGeneration: 7 });
    await expect
      .poll(async () => (await listObjects('clusters', ws)).filter((c) => c.metadata.name === name && !c.metadata.deletionTimestamp).length)
      .toBe(0);
    const detail = await eventually<any>(request, `/api/v1/workspaces/${target}/clusters/${name}`, (_b, status) => status === 200);
    expect(detail.workspace).toBe(target);
  });

  test('move is refused for local, to a missing or the same workspace, to fleet-local, and onto a taken name', async ({ request }) => {
    const name = await seedCluster(ws, unique('c'));
    const move = (cluster: string, to: unknown, from = ws) => request.post(`/api/v1/workspaces/${from}/clusters/${cluster}/actions/move`, { data: { to } });
    await expectError(await move(name, unique('nowhere')), 422, 'invalid', 'to');
    await expectError(await move(name, ws), 422, 'invalid', 'to');
    await expectError(await move(name, 'fleet-local'), 422, 'invalid', 'to');
    await expectError(await move(name, 'Not_A_Workspace'), 422, 'invalid', 'to');
    await expectError(await move(name, undefined), 422, 'invalid', 'to');

    const local = await createWorkspace(request, 'e2e-local');
    await seedCluster(local, 'local', { name: 'local' });
    await expectError(await move('local', 'fleet-default', local), 403, 'forbidden', 'name');

    const taken = await createWorkspace(request, 'e2e-taken');
    await createObject('clusters', taken, { name }, {});
    await expectError(await move(name, taken), 409, 'conflict', 'to');
    // The original is still there.
    expect((await getObject('clusters', ws, name)).metadata.name).toBe(name);
  });
});
