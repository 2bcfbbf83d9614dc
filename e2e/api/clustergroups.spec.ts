import { expect, test } from '@playwright/test';

import { clusterGroupDetailSchema, objectDeletedSchema, objectWrittenSchema } from '../../lib/api/schemas';
import { createObject, createWorkspace, eventually, expectError, getObject, seedCluster, unique } from '../support/kube';

const JSON_HEADERS = { 'content-type': 'application/json' };

test.describe('ClusterGroup endpoints', () => {
  let ws: string;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-groups');
    await seedCluster(ws, 'eu-1', { region: 'eu', env: 'prod' });
    await seedCluster(ws, 'eu-2', { region: 'eu', env: 'dev' });
    await seedCluster(ws, 'us-1', { region: 'us', env: 'prod' });
  });

  test('create with a selector and a description; the detail lists its members', async ({ request }) => {
    const name = unique('group');
    const res = await request.post(`/api/v1/workspaces/${ws}/clustergroups`, {
      data: {
        metadata: { name, labels: { tier: 'gold' }, annotations: { 'field.cattle.io/description': 'European clusters' } },
        spec: { selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const written = objectWrittenSchema.parse(await res.json());
    expect(written.object.metadata).toMatchObject({ name, namespace: ws, labels: { tier: 'gold' } });
    const stored = await getObject('clustergroups', ws, name);
    expect(stored.metadata.annotations).toEqual({ 'field.cattle.io/description': 'European clusters' });
    expect(stored.spec.selector).toEqual({ matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] });

    const detail = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${name}`, (b: any) => b.relations?.clusters?.total === 2));
    expect(detail.relations.clusters.items.map((c) => c.name)).toEqual(['eu-1', 'eu-2']);
  });

  test('a dry run stores nothing; a taken name is a 409 on metadata.name', async ({ request }) => {
    const name = unique('group');
    const dry = await request.post(`/api/v1/workspaces/${ws}/clustergroups?dryRun=true`, { data: { metadata: { name }, spec: {} } });
    expect(dry.status(), await dry.text()).toBe(201);
    expect(objectWrittenSchema.parse(await dry.json()).dryRun).toBe(true);
    await expect(getObject('clustergroups', ws, name)).rejects.toMatchObject({ code: 404 });
    await createObject('clustergroups', ws, { name }, {});
    await expectError(await request.post(`/api/v1/workspaces/${ws}/clustergroups`, { data: { metadata: { name }, spec: {} } }), 409, 'conflict', 'metadata.name');
  });

  test('update replaces the selector, keeps unsent fields, and refuses a stale version', async ({ request }) => {
    const name = unique('group');
    const created = await createObject('clustergroups', ws, { name, labels: { a: 'b' } }, { selector: { matchLabels: { region: 'eu' } }, futureField: 1 });
    const res = await request.put(`/api/v1/workspaces/${ws}/clustergroups/${name}`, {
      data: { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { selector: { matchLabels: { env: 'prod' } } } },
    });
    expect(res.status(), await res.text()).toBe(200);
    const stored = await getObject('clustergroups', ws, name);
    expect(stored.spec).toEqual({ selector: { matchLabels: { env: 'prod' } }, futureField: 1 });
    expect(stored.metadata.labels).toEqual({ a: 'b' });
    const detail = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${name}`, (b: any) => b.relations?.clusters?.items?.[1]?.name === 'us-1'));
    expect(detail.relations.clusters.items.map((c) => c.name)).toEqual(['eu-1', 'us-1']);

    // selector: null removes the selector: the group then selects no cluster.
    const cleared = await request.put(`/api/v1/workspaces/${ws}/clustergroups/${name}`, {
      data: { metadata: { resourceVersion: stored.metadata.resourceVersion }, spec: { selector: null } },
    });
    expect(cleared.status(), await cleared.text()).toBe(200);
    expect((await getObject('clustergroups', ws, name)).spec).toEqual({ futureField: 1 });
    const empty = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${name}`, (b: any) => b.relations?.clusters?.total === 0));
    expect(empty.relations.clusters.items).toEqual([]);

    await expectError(
      await request.put(`/api/v1/workspaces/${ws}/clustergroups/${name}`, { data: { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { selector: {} } } }),
      409,
      'conflict',
      'metadata.resourceVersion',
    );
  });

  test('delete removes the group; its detail listed the GitRepos that targeted it beforehand', async ({ request }) => {
    const name = unique('group');
    await createObject('clustergroups', ws, { name }, { selector: {} });
    const repo = unique('repo');
    await createObject('gitrepos', ws, { name: repo }, { repo: 'https://127.0.0.1:9/x.git', targets: [{ clusterGroup: name }] });
    const preview = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${name}`, (b: any) => b.relations?.gitRepos?.total === 1));
    expect(preview.relations.gitRepos.items).toEqual([{ workspace: ws, name: repo, via: 'clusterGroup' }]);

    const res = await request.delete(`/api/v1/workspaces/${ws}/clustergroups/${name}`, { headers: JSON_HEADERS });
    expect(res.status(), await res.text()).toBe(200);
    expect(objectDeletedSchema.parse(await res.json()).deleted).toEqual({ kind: 'clustergroups', workspace: ws, name });
    await expect(getObject('clustergroups', ws, name)).rejects.toMatchObject({ code: 404 });
  });

  test('bad input is refused with the field at fault', async ({ request }) => {
    const name = unique('group');
    const post = (data: unknown) => request.post(`/api/v1/workspaces/${ws}/clustergroups`, { data });
    await expectError(await post({ metadata: { name }, spec: { selector: { matchExpressions: [{ key: 'env', operator: 'In' }] } } }), 422, 'invalid', 'spec.selector.matchExpressions[0].values');
    await expectError(await post({ metadata: { name }, spec: { selector: { matchLabels: { 'bad key!': 'x' } } } }), 422, 'invalid', 'spec.selector.matchLabels');
    await expectError(await post({ metadata: { name: '' }, spec: {} }), 422, 'invalid', 'metadata.name');
    await expectError(await post({ metadata: { name, annotations: { 'field.cattle.io/description': 5 } }, spec: {} }), 422, 'invalid', 'metadata.annotations.field.cattle.io/description');
    await expect(getObject('clustergroups', ws, name)).rejects.toMatchObject({ code: 404 });

    const existing = await createObject('clustergroups', ws, { name }, {});
    await expectError(
      await request.put(`/api/v1/workspaces/${ws}/clustergroups/${name}`, { data: { metadata: { resourceVersion: existing.metadata.resourceVersion }, spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } } } }),
      422,
      'invalid',
      'spec.selector.matchExpressions[0].values',
    );
    await expectError(await request.delete(`/api/v1/workspaces/${ws}/clusters/${name}`, { headers: JSON_HEADERS }), 400, 'bad_request', 'kind');
    await expectError(await request.delete(`/api/v1/workspaces/${ws}/clustergroups/${unique('missing')}`, { headers: JSON_HEADERS }), 404, 'not_found');
  });
});
