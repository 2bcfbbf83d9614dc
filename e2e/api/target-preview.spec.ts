import { expect, test } from '@playwright/test';

import { targetPreviewSchema } from '../../lib/api/schemas';
import { createObject, createWorkspace, eventually, expectError, listObjects, seedCluster, unique } from '../support/kube';

/**
 * Target preview is checked against the API server's own label selector matching (a list with
 * `labelSelector`), not against Fleet Deck's matcher.
 */
test.describe('target preview', () => {
  let ws: string;
  const CLUSTERS = 24;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-targets');
    for (let i = 0; i < CLUSTERS; i++) {
      await seedCluster(ws, `c-${String(i).padStart(2, '0')}`, {
        env: i % 3 === 0 ? 'prod' : i % 3 === 1 ? 'staging' : 'dev',
        region: i < 12 ? 'eu' : 'us',
        ...(i % 4 === 0 ? { gpu: 'true' } : {}),
        ...(i === 5 ? { 'management.cattle.io/cluster-display-name': 'shop-frontend' } : {}),
      });
    }
    await createObject('clustergroups', ws, { name: 'default' }, { selector: { matchLabels: { region: 'eu' } } });
    await createObject('clustergroups', ws, { name: 'gpus', labels: { hardware: 'accelerated' } }, { selector: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } });
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?pageSize=1`, (b: any) => b.total === CLUSTERS);
    await eventually(request, `/api/v1/workspaces/${ws}/clustergroups?pageSize=1`, (b: any) => b.total === 2);
  });

  const preview = async (request: any, body: unknown, limit?: number) => {
    const res = await request.post(`/api/v1/workspaces/${ws}/target-preview${limit === undefined ? '' : `?limit=${limit}`}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return targetPreviewSchema.parse(await res.json());
  };
  const names = async (labelSelector: string) => (await listObjects('clusters', ws, labelSelector)).map((c: any) => c.metadata.name).sort();

  test('a cluster selector selects what the same label selector lists', async ({ request }) => {
    const expected = await names('env in (prod,staging),region=eu,gpu');
    const result = await preview(request, {
      targets: [{ clusterSelector: { matchLabels: { region: 'eu' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }, { key: 'gpu', operator: 'Exists' }] } }],
    });
    expect(result).toEqual({ total: expected.length, matched: expected, clusterCount: CLUSTERS, defaultTarget: false });
    expect(result.total).toBeGreaterThan(0);
  });

  test('several targets select the union; matched is cut to limit', async ({ request }) => {
    const union = [...new Set([...(await names('env=prod')), ...(await names('region=us,env!=prod'))])].sort();
    const result = await preview(request, { targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }, { clusterSelector: { matchLabels: { region: 'us' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } }] }, 5);
    expect(result.total).toBe(union.length);
    expect(result.matched).toEqual(union.slice(0, 5));
    const all = await preview(request, { targets: [{ clusterSelector: {} }] });
    expect(all).toMatchObject({ total: CLUSTERS, clusterCount: CLUSTERS });
    expect(all.matched).toHaveLength(20);
  });

  test('groups, group selectors, cluster names (also the display name) and the default target', async ({ request }) => {
    expect((await preview(request, { targets: [{ clusterGroup: 'gpus' }] })).matched).toEqual(await names('gpu'));
    expect((await preview(request, { targets: [{ clusterGroupSelector: { matchLabels: { hardware: 'accelerated' } } }] })).matched).toEqual(await names('gpu'));
    // clusterGroup and clusterSelector in one target must both hold.
    expect((await preview(request, { targets: [{ clusterGroup: 'gpus', clusterSelector: { matchLabels: { region: 'us' } } }] })).matched).toEqual(await names('gpu,region=us'));
    expect((await preview(request, { targets: [{ clusterName: 'c-01' }, { clusterName: 'shop-frontend' }] })).matched).toEqual(['c-01', 'c-05']);
    // A target without criteria matches nothing.
    expect((await preview(request, { targets: [{ name: 'empty' }] })).total).toBe(0);
    // No targets: Fleet's default target, the ClusterGroup named default.
    for (const body of [{}, { targets: [] }]) {
      const result = await preview(request, body, 100);
      expect(result).toEqual({ total: 12, matched: await names('region=eu'), clusterCount: CLUSTERS, defaultTarget: true });
    }
  });

  test('a ClusterGroup selector: null selects nothing, {} everything', async ({ request }) => {
    expect(await preview(request, { selector: null })).toEqual({ total: 0, matched: [], clusterCount: CLUSTERS, defaultTarget: false });
    expect((await preview(request, { selector: {} })).total).toBe(CLUSTERS);
    const expected = await names('env notin (dev),region=us');
    const result = await preview(request, { selector: { matchLabels: { region: 'us' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } }, 1000);
    expect(result.matched).toEqual(expected);
  });

  test('an invalid selector is a 422 naming the field', async ({ request }) => {
    const post = (data: unknown, query = '') => request.post(`/api/v1/workspaces/${ws}/target-preview${query}`, { data });
    await expectError(await post({ targets: [{ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Like', values: ['p'] }] } }] }), 422, 'invalid', 'targets[0].clusterSelector.matchExpressions[0].operator');
    await expectError(await post({ targets: [{ clusterName: 'x' }, { clusterGroupSelector: { matchLabels: { 'no spaces': 'x' } } }] }), 422, 'invalid', 'targets[1].clusterGroupSelector.matchLabels');
    await expectError(await post({ selector: { matchExpressions: [{ key: 'gpu', operator: 'Exists', values: ['x'] }] } }), 422, 'invalid', 'selector.matchExpressions[0].values');
    await expectError(await post({ targets: [], selector: {} }), 422, 'invalid', 'selector');
    await expectError(await post({ targets: 'all' }), 422, 'invalid', 'targets');
    await expectError(await post({}, '?limit=-1'), 400, 'bad_request', 'limit');
    await expectError(await request.post(`/api/v1/workspaces/${unique('nowhere')}/target-preview`, { data: {} }), 404, 'not_found', 'ws');
  });
});
