import { expect, test } from '@playwright/test';

import { bundleDetailSchema, clusterDetailSchema, clusterGroupDetailSchema, gitRepoDetailSchema } from '../../lib/api/schemas';
import { createObject, createWorkspace, eventually, expectError, seedBundleDeployment, seedCluster, seedClusterNamespace, unique } from '../support/kube';

/**
 * Object details: the object (without managedFields), its state and conditions from the cache,
 * and relations — BundleDeployments read on demand by label selector or cluster namespace.
 * Everything is seeded directly in the cluster, as Fleet's controllers would write it.
 */
test.describe('object details', () => {
  let ws: string;
  const repo = 'guestbook';
  const bundles = { frontend: `${repo}-frontend`, backend: `${repo}-backend` };
  const clusters = { prod: 'prod-1', staging: 'staging-1', idle: 'idle-1' };

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-details');
    await seedCluster(ws, clusters.prod, { env: 'prod' });
    await seedCluster(ws, clusters.staging, { env: 'staging' });
    await seedCluster(ws, clusters.idle, { env: 'dev' });
    await createObject('clustergroups', ws, { name: 'prod', labels: { tier: 'critical' } }, { selector: { matchLabels: { env: 'prod' } } });
    await createObject('clustergroups', ws, { name: 'everyone' }, { selector: {} });
    await createObject('clustergroups', ws, { name: 'no-one' }, {});
    await createObject('gitrepos', ws, { name: repo }, { repo: 'https://127.0.0.1:9/guestbook.git', targets: [{ clusterGroup: 'prod' }, { clusterSelector: { matchLabels: { env: 'staging' } } }] });
    await createObject('gitrepos', ws, { name: 'critical-only' }, { repo: 'https://127.0.0.1:9/x.git', targets: [{ clusterGroupSelector: { matchLabels: { tier: 'critical' } } }] });
    await createObject('gitrepos', ws, { name: 'untargeted' }, { repo: 'https://127.0.0.1:9/y.git' });
    for (const bundle of Object.values(bundles)) {
      await createObject('bundles', ws, { name: bundle, labels: { 'fleet.cattle.io/repo-name': repo } }, { resources: [], targets: [{ clusterGroup: 'prod' }] });
    }
    const prodNs = await seedClusterNamespace(ws, clusters.prod);
    const stagingNs = await seedClusterNamespace(ws, clusters.staging);
    await seedBundleDeployment({ workspace: ws, cluster: clusters.prod, clusterNamespace: prodNs, bundle: bundles.frontend, repo, state: 'Ready' });
    await seedBundleDeployment({ workspace: ws, cluster: clusters.prod, clusterNamespace: prodNs, bundle: bundles.backend, repo, state: 'ErrApplied', message: 'deployment backend: image pull failed' });
    await seedBundleDeployment({ workspace: ws, cluster: clusters.staging, clusterNamespace: stagingNs, bundle: bundles.frontend, repo, state: 'Ready' });
    // The agent's own bundle is on every cluster and belongs to no GitRepo.
    await seedBundleDeployment({ workspace: ws, cluster: clusters.prod, clusterNamespace: prodNs, bundle: `fleet-agent-${clusters.prod}`, state: 'Ready' });
  });

  test('a GitRepo: its bundles from the cache and its per-cluster states from BundleDeployments', async ({ request }) => {
    const body = await eventually<any>(request, `/api/v1/workspaces/${ws}/gitrepos/${repo}`, (b) => b.relations?.bundles?.total === 2);
    const detail = gitRepoDetailSchema.parse(body);
    expect(detail).toMatchObject({ kind: 'gitrepos', workspace: ws, name: repo });
    expect(detail.object.metadata).not.toHaveProperty('managedFields');
    expect(detail.row.targets).toBe('2 targets: group prod; clusters env=staging');
    expect(detail.relations.bundles.items.map((b) => b.name)).toEqual([bundles.backend, bundles.frontend]);
    const perCluster = detail.relations.clusters;
    expect(perCluster).toMatchObject({ total: 2, complete: true, offset: 0, limit: 200 });
    // Worst first: prod has a failed bundle.
    expect(perCluster.items).toEqual([
      { workspace: ws, name: clusters.prod, state: 'ErrApplied', bucket: 'error', message: `${bundles.backend}: deployment backend: image pull failed`, deployments: { ready: 1, desired: 2 } },
      { workspace: ws, name: clusters.staging, state: 'Ready', bucket: 'active', message: '', deployments: { ready: 1, desired: 1 } },
    ]);
    expect(detail.relations.secrets).toEqual([]);

    const paged = gitRepoDetailSchema.parse((await (await request.get(`/api/v1/workspaces/${ws}/gitrepos/${repo}?offset=1&limit=1`)).json()));
    expect(paged.relations.clusters).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(paged.relations.clusters.items.map((c) => c.name)).toEqual([clusters.staging]);
  });

  test('a Cluster: its repos and bundles with their state there, and its groups', async ({ request }) => {
    const body = await eventually<any>(request, `/api/v1/workspaces/${ws}/clusters/${clusters.prod}`, (b) => b.relations?.bundles?.total === 3);
    const detail = clusterDetailSchema.parse(body);
    expect(detail.relations.groups).toEqual(['everyone', 'prod']);
    expect(detail.relations.repos.items).toEqual([
      { workspace: ws, name: repo, state: 'ErrApplied', bucket: 'error', message: `${bundles.backend}: deployment backend: image pull failed`, deployments: { ready: 1, desired: 2 } },
    ]);
    expect(detail.relations.bundles.items.map((b) => [b.name, b.state, b.repo])).toEqual([
      [bundles.backend, 'ErrApplied', repo],
      [`fleet-agent-${clusters.prod}`, 'Ready', undefined],
      [bundles.frontend, 'Ready', repo],
    ]);

    const idle = clusterDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clusters/${clusters.idle}`, (_b, status) => status === 200));
    expect(idle.row.state).toBe('WaitCheckIn');
    expect(idle.relations.bundles).toMatchObject({ items: [], total: 0, complete: true });
    expect(idle.relations.groups).toEqual(['everyone']);
  });

  test('a ClusterGroup: member clusters (nil selects none, {} all) and the GitRepos that target it', async ({ request }) => {
    const prod = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/prod`, (b: any) => b.relations?.gitRepos?.total === 2));
    expect(prod.relations.clusters.items.map((c) => c.name)).toEqual([clusters.prod]);
    expect(prod.relations.gitRepos.items).toEqual([
      { workspace: ws, name: 'critical-only', via: 'clusterGroupSelector' },
      { workspace: ws, name: repo, via: 'clusterGroup' },
    ]);

    const everyone = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/everyone?limit=2`, (b: any) => b.relations?.clusters?.total === 3));
    expect(everyone.relations.clusters).toMatchObject({ total: 3, limit: 2 });
    expect(everyone.relations.clusters.items.map((c) => c.name)).toEqual([clusters.idle, clusters.prod]);
    expect(everyone.relations.gitRepos.items).toEqual([]);

    const none = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/no-one`, (_b, status) => status === 200));
    expect(none.relations.clusters.total).toBe(0);
  });

  test('a GitRepo without targets targets the group named default', async ({ request }) => {
    const own = await createWorkspace(request, 'e2e-default');
    await createObject('gitrepos', own, { name: 'untargeted' }, { repo: 'https://127.0.0.1:9/y.git' });
    await createObject('gitrepos', own, { name: 'elsewhere' }, { repo: 'https://127.0.0.1:9/y.git', targets: [{ clusterName: 'x' }] });
    await createObject('clustergroups', own, { name: 'default' }, { selector: {} });
    const group = clusterGroupDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${own}/clustergroups/default`, (b: any) => b.relations?.gitRepos?.total === 1));
    expect(group.relations.gitRepos.items).toEqual([{ workspace: own, name: 'untargeted', via: 'default' }]);
  });

  test('a Bundle: its deployments per cluster', async ({ request }) => {
    const detail = bundleDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/bundles/${bundles.frontend}`, (b: any) => b.relations?.deployments?.total === 2));
    expect(detail.row.repo).toBe(repo);
    expect(detail.relations.deployments.items.map((d) => [d.workspace, d.name, d.state])).toEqual([
      [ws, clusters.prod, 'Ready'],
      [ws, clusters.staging, 'Ready'],
    ]);
    const failing = bundleDetailSchema.parse(await eventually(request, `/api/v1/workspaces/${ws}/bundles/${bundles.backend}`, (b: any) => b.relations?.deployments?.total === 1));
    expect(failing.relations.deployments.items[0]).toMatchObject({ name: clusters.prod, state: 'ErrApplied', bucket: 'error' });
  });

  test('bad paths are refused', async ({ request }) => {
    await expectError(await request.get(`/api/v1/workspaces/${ws}/widgets/${repo}`), 400, 'bad_request', 'kind');
    await expectError(await request.get(`/api/v1/workspaces/_all/gitrepos/${repo}`), 400, 'bad_request', 'ws');
    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/Not_A_Name`), 400, 'bad_request', 'name');
    await expectError(await request.get(`/api/v1/workspaces/${unique('nowhere')}/gitrepos/${repo}`), 404, 'not_found');
    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/${repo}?limit=5000`), 400, 'bad_request', 'limit');
  });
});
